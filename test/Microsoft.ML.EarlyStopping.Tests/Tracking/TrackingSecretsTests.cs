using System.Text;
using Microsoft.ML.EarlyStopping.Tests.Data;
using Microsoft.ML.EarlyStopping.Tests.Tracking.Fakes;
using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Tracking.Mlflow;
using Microsoft.ML.EarlyStopping.Tracking.Neptune;
using Microsoft.ML.EarlyStopping.Tracking.Sinks;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking;

[TestClass]
public sealed class TrackingSecretsTests
{
    [TestMethod]
    public async Task NoSecretAppearsInAnyFileLogLineConsoleLineReportOrError()
    {
        const string password = "pw-Secret-4711";
        const string apiKey = "neptune-api-key-SECRET-0815";
        await using var mlflow = new FakeMlflowServer(requiredAuthorization: "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("carol:" + password)));
        await using var neptune = new FakeNeptuneServer(apiKey);
        using var folder = new TempFolder();
        var uriWithCredentials = new UriBuilder(mlflow.BaseUri) { UserName = "carol", Password = password }.Uri;
        // Failures make the sinks write errors: a refused operation, a 401 with a token refresh, a rate limit, a dead letter.
        neptune.RejectPath = "train/accuracy";
        mlflow.Faults.Next("runs/log-batch", FaultPlan.Pass, FaultPlan.RateLimited("0"));
        using var console = new StringWriter();
        var log = new List<string>();
        var tracker = new MetricsTracker(new MetricsTrackerOptions
        {
            RunFolder = folder.Path,
            // A user who pasted a secret into the run name or a tag gets it redacted too.
            RunName = "run-with-" + password,
            Tags = ["tag-" + apiKey],
            Sinks =
            [
                new MlflowSink(new MlflowSinkOptions { TrackingUri = uriWithCredentials, Retry = TrackingScenario.FastRetry() }),
                new NeptuneSink(new NeptuneSinkOptions { ApiToken = neptune.ApiToken, Project = FakeNeptuneServer.ProjectName, Retry = TrackingScenario.FastRetry() }),
                new CsvMetricsSink(TrackingSinks.CsvPath(folder.Path)),
                new JsonLinesMetricsSink(TrackingSinks.JsonLinesPath(folder.Path)),
                new TensorBoardSink(TrackingSinks.TensorBoardFolder(folder.Path)),
                new ConsoleMetricsSink(console),
                new FailingSink("broken", b => new InvalidOperationException($"failed with {neptune.ApiToken} and {password}")),
            ],
            Log = line => { lock (log) log.Add(line); },
        });
        tracker.OnTrainingStarted(TrackingScenario.Started() with { Parameters = [new("Url", uriWithCredentials.ToString())] });
        tracker.OnEpochEnded(TrackingScenario.Epoch(1));
        await MlflowSinkTests.WaitUntil(() => neptune.Runs.Count == 1 && neptune.Runs[0].Series.ContainsKey("train/loss"));
        neptune.ExpireAccessTokens();
        tracker.OnEpochEnded(TrackingScenario.Epoch(2));
        tracker.OnTrainingEnded(new TrainingEndedEvent
        {
            State = TrainingEndState.Failed,
            Error = new InvalidOperationException($"crashed near {uriWithCredentials} with key {apiKey}"),
            EndTime = DateTimeOffset.UtcNow,
        });
        TrackingReport report = await tracker.CompleteAsync();

        // Sanity: the run really happened on both servers, through the failures.
        Assert.HasCount(2, mlflow.Runs.Single().Series("train/loss"));
        Assert.HasCount(2, neptune.Runs.Single().Series["train/loss"]);
        Assert.AreEqual("FAILED", mlflow.Runs.Single().Status);
        Assert.IsTrue(neptune.Runs.Single().Attributes["sys/failed"].GetValue<bool>());

        string everything = string.Join("\n",
            TrackingScenario.AllText(folder.Path), string.Join("\n", log), console.ToString(), report.Describe(),
            string.Join("\n", report.Sinks.Select(s => $"{s.LastError} {s.RemoteRunUrl} {s.RemoteRunId}")));
        var secrets = new List<string>
        {
            password,
            apiKey,
            neptune.ApiToken,
            Encoding.UTF8.GetString(Convert.FromBase64String(neptune.ApiToken)),
            Convert.ToBase64String(Encoding.UTF8.GetBytes("carol:" + password)),
        };
        secrets.AddRange(neptune.IssuedSecrets);
        Assert.IsGreaterThan(2, neptune.IssuedSecrets.Count, "the server issued access and refresh tokens");
        foreach (string secret in secrets)
            Assert.DoesNotContain(secret, everything, $"secret leaked: {secret[..4]}…");
        StringAssert.Contains(everything, "***", "the redaction marker shows where a secret was");

        // What went over the wire to a server is the server's business, but params and names sent to the trackers are redacted too.
        Assert.DoesNotContain(password, mlflow.Runs.Single().Name);
        Assert.DoesNotContain(password, mlflow.Runs.Single().Params["Url"]);
        Assert.DoesNotContain(apiKey, string.Join(",", neptune.Runs.Single().Tags));
    }
}
