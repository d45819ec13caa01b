using Microsoft.ML.EarlyStopping.Tests.Data;
using Microsoft.ML.EarlyStopping.Tests.Tracking.Fakes;
using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Tracking.Mlflow;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking;

[TestClass]
public sealed class MlflowSinkTests
{
    private static MlflowSink Sink(FakeMlflowServer server, Action<MlflowSinkOptions>? configure = null)
    {
        var options = new MlflowSinkOptions { TrackingUri = server.BaseUri, ExperimentName = "cifar", Retry = TrackingScenario.FastRetry() };
        configure?.Invoke(options);
        return new MlflowSink(options);
    }

    private static async Task<(TrackingReport Report, List<string> Log)> RunAsync(TempFolder folder, ITrackingSink sink, int epochs = 5)
    {
        var log = new List<string>();
        var tracker = new MetricsTracker(new MetricsTrackerOptions
        {
            RunFolder = folder.Path,
            RunName = "mlflow-run",
            Tags = ["nightly"],
            Sinks = [sink],
            Log = line => { lock (log) log.Add(line); },
        });
        TrackingScenario.Train(tracker, epochs);
        tracker.LogEvaluation("test", new Dictionary<string, double> { ["micro_accuracy"] = 0.5 });
        return (await tracker.CompleteAsync(), log);
    }

    [TestMethod]
    public async Task ARunShowsEveryEpochParamsOutcomeAndEndsFinished()
    {
        await using var server = new FakeMlflowServer();
        using var folder = new TempFolder();

        var (report, log) = await RunAsync(folder, Sink(server));

        MlflowRun run = server.Runs.Single();
        Assert.AreEqual("mlflow-run", run.Name);
        Assert.AreEqual(report.RunKey.ToString("D"), run.Tags[MlflowSink.RunKeyTag]);
        Assert.AreEqual("true", run.Tags["nightly"]);
        Assert.AreEqual("0.05", run.Params["LearningRate"]);
        Assert.AreEqual("10", run.Params["EarlyStopping.Patience"]);
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4, 5 }, run.Series("train/loss").Select(p => p.Step).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(1, 5).Select(TrackingScenario.ValidationLoss).ToArray(), run.Series("validation/loss").Select(p => p.Value).ToArray());
        Assert.HasCount(5, run.Series("epoch/images_per_second"));
        Assert.AreEqual(0.5, run.Series("evaluation/test/micro_accuracy").Single().Value);
        Assert.AreEqual("PatienceExhausted", run.Tags["early_stopping.stop_reason"]);
        Assert.AreEqual(3.0, run.Series("early_stopping/best_epoch_final").Single().Value);
        Assert.AreEqual("FINISHED", run.Status);
        Assert.IsNotNull(run.EndTime);
        Assert.AreEqual("101", run.ExperimentId, "the experiment was created");
        SinkReport sink = report.Sinks.Single();
        Assert.AreEqual(SinkStatus.Complete, sink.Status);
        Assert.AreEqual(run.Id, sink.RemoteRunId);
        StringAssert.Contains(sink.RemoteRunUrl, $"#/experiments/101/runs/{run.Id}");
        Assert.IsEmpty(log, string.Join("\n", log));
    }

    [TestMethod]
    public async Task AnExperimentCreatedConcurrentlyIsReadBackNotDuplicated()
    {
        await using var server = new FakeMlflowServer();
        using var folder = new TempFolder();
        // Our lookup says "missing", then someone else creates it before our create: the create answers RESOURCE_ALREADY_EXISTS.
        server.Faults.Next("experiments/get-by-name", new FakeResponse(404, "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"missing\"}"));
        server.AddExperiment("cifar", "77");

        await RunAsync(folder, Sink(server));

        Assert.AreEqual("77", server.Runs.Single().ExperimentId);
        Assert.AreEqual(1, server.Requests.Count(r => r.Path.EndsWith("experiments/create", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task ALostRunCreateAnswerDoesNotMakeAGhostRun()
    {
        await using var server = new FakeMlflowServer { CreateButFail = 1 };
        using var folder = new TempFolder();

        var (report, _) = await RunAsync(folder, Sink(server));

        Assert.HasCount(1, server.Runs, "the retry found the run created by the lost request");
        Assert.AreEqual(1, server.Requests.Count(r => r.Path.EndsWith("runs/create", StringComparison.Ordinal)));
        Assert.HasCount(5, server.Runs[0].Series("train/loss"));
        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status);
    }

    [TestMethod]
    public async Task A503BurstIsRetriedAndNothingIsLost()
    {
        await using var server = new FakeMlflowServer();
        using var folder = new TempFolder();
        server.Faults.Next("runs/log-batch", FaultPlan.Status(503), FaultPlan.Status(502), FaultPlan.Status(503));

        var (report, _) = await RunAsync(folder, Sink(server));

        Assert.HasCount(5, server.Runs.Single().Series("train/loss"));
        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status);
        Assert.AreEqual(0, report.Sinks.Single().TotalPointsDropped);
    }

    [TestMethod]
    public async Task RateLimitingHonoursRetryAfterAndIsReportedAsRateLimitingOnce()
    {
        await using var server = new FakeMlflowServer();
        using var folder = new TempFolder();
        server.Faults.Next("runs/log-batch", FaultPlan.RateLimited("1"), FaultPlan.RateLimited("1"));

        var (report, log) = await RunAsync(folder, Sink(server));

        Assert.HasCount(5, server.Runs.Single().Series("train/loss"));
        Assert.AreEqual(1, log.Count(l => l.Contains("rate limited", StringComparison.Ordinal)), string.Join("\n", log));
        Assert.IsTrue(log.Any(l => l.Contains("HTTP 429); waiting 1 s", StringComparison.Ordinal)), "the wait is the server's Retry-After: " + string.Join("\n", log));
        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status);
    }

    [TestMethod]
    public async Task ABatchThatKeepsFailingIsDeadLetteredAndTheRestGoesOn()
    {
        await using var server = new FakeMlflowServer();
        using var folder = new TempFolder();
        var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Path, Sinks = [Sink(server)], Log = _ => { } });
        tracker.OnTrainingStarted(TrackingScenario.Started());
        await WaitUntil(() => server.Runs.Count == 1 && server.Runs[0].Params.Count > 0);
        // A conflict answered as HTTP 500, every time: the first retry budget is spent on epoch 1's batch.
        server.Faults.Next("runs/log-batch", Enumerable.Repeat(FaultPlan.Status(500, "conflict"), 4).ToArray());
        tracker.OnEpochEnded(TrackingScenario.Epoch(1));
        await WaitUntil(() => File.Exists(Path.Combine(folder.Path, "tracking", "dead-letter", "mlflow.jsonl")));
        tracker.OnEpochEnded(TrackingScenario.Epoch(2));
        tracker.OnEpochEnded(TrackingScenario.Epoch(3));
        tracker.OnTrainingEnded(TrackingScenario.Finished(3));
        TrackingReport report = await tracker.CompleteAsync();

        MlflowRun run = server.Runs.Single();
        CollectionAssert.AreEqual(new long[] { 2, 3 }, run.Series("train/loss").Select(p => p.Step).ToArray());
        Assert.AreEqual("FINISHED", run.Status);
        SinkReport sink = report.Sinks.Single();
        Assert.AreEqual(1, sink.EventsDeadLettered);
        Assert.AreEqual(11, sink.PointsDropped[PointDropReason.DeadLettered]);
        StringAssert.Contains(File.ReadAllText(Path.Combine(folder.Path, "tracking", "dead-letter", "mlflow.jsonl")), "HTTP 500");
    }

    [TestMethod]
    public async Task NonFiniteValuesAreSkippedAndCountedByDefaultOrSentAsStrings()
    {
        foreach (MlflowNonFiniteHandling handling in Enum.GetValues<MlflowNonFiniteHandling>())
        {
            await using var server = new FakeMlflowServer();
            using var folder = new TempFolder();
            var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Path, Sinks = [Sink(server, o => o.NonFiniteValues = handling)], Log = _ => { } });
            tracker.OnTrainingStarted(TrackingScenario.Started());
            tracker.OnEpochEnded(TrackingScenario.Epoch(1, validationLoss: double.NaN));
            tracker.OnEpochEnded(TrackingScenario.Epoch(2, validationLoss: double.PositiveInfinity));
            tracker.OnEpochEnded(TrackingScenario.Epoch(3));
            TrackingReport report = await tracker.CompleteAsync();

            IReadOnlyList<MetricPoint> validation = server.Runs.Single().Series("validation/loss");
            if (handling == MlflowNonFiniteHandling.Skip)
            {
                CollectionAssert.AreEqual(new long[] { 3 }, validation.Select(p => p.Step).ToArray());
                Assert.AreEqual(2, report.Sinks.Single().PointsDropped[PointDropReason.NonFinite]);
            }
            else
            {
                Assert.IsTrue(double.IsNaN(validation[0].Value));
                Assert.AreEqual(double.PositiveInfinity, validation[1].Value);
                Assert.AreEqual(0, report.Sinks.Single().TotalPointsDropped);
            }
            Assert.HasCount(3, server.Runs.Single().Series("train/loss"));
        }
    }

    [TestMethod]
    public async Task AParamAlreadyLoggedWithAnotherValueIsReportedOnceAndMetricsStillFlow()
    {
        await using var server = new FakeMlflowServer();
        using var folder = new TempFolder();
        var first = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Folder("first"), Sinks = [Sink(server)], Log = _ => { } });
        first.OnTrainingStarted(TrackingScenario.Started());
        await first.CompleteAsync();
        MlflowRun run = server.Runs.Single();
        run.Params["LearningRate"] = "0.1"; // someone logged another value first

        var log = new List<string>();
        var second = new MetricsTracker(new MetricsTrackerOptions
        {
            RunFolder = folder.Folder("second"),
            Sinks = [Sink(server, o => o.RunId = run.Id)], // MLFLOW_RUN_ID: log into that run
            Log = log.Add,
        });
        TrackingScenario.Train(second, epochs: 2);
        TrackingReport report = await second.CompleteAsync();

        Assert.HasCount(1, server.Runs);
        Assert.AreEqual("0.1", run.Params["LearningRate"], "write-once: the server keeps the first value");
        Assert.HasCount(2, run.Series("train/loss"));
        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status);
        Assert.AreEqual(1, log.Count(l => l.Contains("different value", StringComparison.Ordinal)), string.Join("\n", log));
    }

    [TestMethod]
    public async Task ManyParamsAndLongValuesStayWithinTheServersLimits()
    {
        await using var server = new FakeMlflowServer();
        using var folder = new TempFolder();
        var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Path, Sinks = [Sink(server)], Log = _ => { } });
        var parameters = Enumerable.Range(0, 230).Select(i => new KeyValuePair<string, string>($"p{i:000}", new string('x', 2 * i))).ToList();
        parameters.Add(new("bad key (with) chars!", "v"));
        tracker.OnTrainingStarted(TrackingScenario.Started() with { Parameters = parameters });
        TrackingReport report = await tracker.CompleteAsync();

        MlflowRun run = server.Runs.Single();
        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status, report.Describe());
        Assert.AreEqual(250, run.Params["p229"].Length, "cut to the old servers' 250 characters");
        Assert.AreEqual(200, run.Params["p100"].Length);
        Assert.AreEqual("v", run.Params["bad key _with_ chars_"]);
        Assert.AreEqual(230 + 1 + 4, run.Params.Count);
    }

    [TestMethod]
    public async Task BasicCredentialsInTheUriAreSentAsAuthorizationAndABearerTokenOtherwise()
    {
        string basic = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("alice:s3cret-pass"));
        await using (var server = new FakeMlflowServer(requiredAuthorization: basic))
        {
            using var folder = new TempFolder();
            var uri = new UriBuilder(server.BaseUri) { UserName = "alice", Password = "s3cret-pass" }.Uri;
            var (report, _) = await RunAsync(folder, new MlflowSink(new MlflowSinkOptions { TrackingUri = uri, Retry = TrackingScenario.FastRetry() }), epochs: 1);
            Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status, report.Describe());
            Assert.DoesNotContain("s3cret", report.Sinks.Single().RemoteRunUrl!);
        }
        await using (var server = new FakeMlflowServer(requiredAuthorization: "Bearer tok-123456789"))
        {
            using var folder = new TempFolder();
            var (report, _) = await RunAsync(folder, Sink(server, o => o.Token = "tok-123456789"), epochs: 1);
            Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status, report.Describe());
        }
    }

    [TestMethod]
    public async Task WrongCredentialsSwitchTheSinkOffWithAClearReason()
    {
        await using var server = new FakeMlflowServer(requiredAuthorization: "Bearer right-token");
        using var folder = new TempFolder();

        var (report, log) = await RunAsync(folder, Sink(server, o => o.Token = "wrong-token-value"), epochs: 2);

        SinkReport sink = report.Sinks.Single();
        Assert.AreEqual(SinkStatus.Disabled, sink.Status);
        StringAssert.Contains(sink.LastError, "HTTP 401");
        Assert.IsFalse(string.Join("\n", log).Contains("wrong-token-value", StringComparison.Ordinal));
    }

    [TestMethod]
    public void EnvironmentVariablesConfigureTheSink()
    {
        var env = new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_URI"] = "https://bob:pw%40x@mlflow.example:5000/",
            ["MLFLOW_EXPERIMENT_NAME"] = "cifar10",
            ["MLFLOW_TRACKING_TOKEN"] = "abc",
            ["MLFLOW_TRACKING_INSECURE_TLS"] = "true",
        };
        MlflowSinkOptions options = MlflowSinkOptions.FromEnvironment(env.GetValueOrDefault)!;
        Assert.AreEqual("cifar10", options.ExperimentName);
        Assert.AreEqual("abc", options.Token);
        Assert.IsTrue(options.InsecureTls);
        Assert.IsNull(MlflowSinkOptions.FromEnvironment(new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "file:///tmp/mlruns" }.GetValueOrDefault));
        Assert.IsNull(MlflowSinkOptions.FromEnvironment(_ => null));
        Assert.AreEqual("a_b/c", MlflowSink.SanitizeKey("a:b/c"));
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        // Bounded polling for background delivery; the bound only guards against a hang, it is not a timing assertion.
        for (int i = 0; i < 1000 && !condition(); i++)
            await Task.Delay(10);
        Assert.IsTrue(condition(), "the background delivery did not happen");
    }
}
