using System.Text;
using System.Text.Json.Nodes;
using Microsoft.ML.EarlyStopping.Tests.Data;
using Microsoft.ML.EarlyStopping.Tests.Tracking.Fakes;
using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Tracking.Neptune;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking;

[TestClass]
public sealed class NeptuneSinkTests
{
    private static NeptuneSink Sink(FakeNeptuneServer server, string? token = null) => new(new NeptuneSinkOptions
    {
        ApiToken = token ?? server.ApiToken,
        Project = FakeNeptuneServer.ProjectName,
        Retry = TrackingScenario.FastRetry(),
    });

    private static async Task<(TrackingReport Report, List<string> Log)> RunAsync(string folder, ITrackingSink sink, int epochs = 5)
    {
        var log = new List<string>();
        var tracker = new MetricsTracker(new MetricsTrackerOptions
        {
            RunFolder = folder,
            RunName = "neptune-run",
            Tags = ["nightly", "cifar"],
            Sinks = [sink],
            Log = line => { lock (log) log.Add(line); },
        });
        TrackingScenario.Train(tracker, epochs);
        tracker.LogEvaluation("test", new Dictionary<string, double> { ["micro_accuracy"] = 0.5 });
        return (await tracker.CompleteAsync(), log);
    }

    [TestMethod]
    public async Task ARunShowsEveryEpochParamsTagsAndOutcome()
    {
        await using var server = new FakeNeptuneServer();
        using var folder = new TempFolder();

        var (report, log) = await RunAsync(folder.Path, Sink(server));

        NeptuneRun run = server.Runs.Single();
        Assert.AreEqual(report.RunKey.ToString("D"), run.CustomId);
        Assert.AreEqual(36, run.CustomId!.Length);
        Assert.AreEqual("neptune-run", run.Attributes["sys/name"].GetValue<string>());
        CollectionAssert.AreEquivalent(new[] { "nightly", "cifar" }, run.Tags.ToArray());
        Assert.AreEqual("0.05", run.Attributes["parameters/LearningRate"].GetValue<string>());
        CollectionAssert.AreEqual(new double[] { 1, 2, 3, 4, 5 }, run.Series["train/loss"].Select(p => p.Step).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(1, 5).Select(TrackingScenario.ValidationLoss).ToArray(), run.Series["validation/loss"].Select(p => p.Value).ToArray());
        Assert.AreEqual("PatienceExhausted", run.Attributes["early_stopping/stop_reason"].GetValue<string>());
        Assert.AreEqual(0.5, run.Attributes["evaluation/test/micro_accuracy"].GetValue<double>());
        Assert.AreEqual("Finished", run.Attributes["run/end_state"].GetValue<string>());
        Assert.IsFalse(run.Attributes.ContainsKey("sys/failed"));
        SinkReport sink = report.Sinks.Single();
        Assert.AreEqual(SinkStatus.Complete, sink.Status);
        Assert.AreEqual(run.Id, sink.RemoteRunId);
        Assert.AreEqual($"{server.BaseUri}app/{FakeNeptuneServer.ProjectName}/e/{run.ShortId}", sink.RemoteRunUrl);
        Assert.IsEmpty(log, string.Join("\n", log));
        Assert.AreEqual(1, server.Exchanges);
    }

    [TestMethod]
    public async Task SeriesPointsOfABacklogAreMergedIntoOneLogFloatsPerPath()
    {
        await using var server = new FakeNeptuneServer();
        using var folder = new TempFolder();
        // Nothing is delivered while the server is down; the backlog then goes in one request.
        server.Faults.Outage = true;
        var sink = Sink(server);
        var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Path, Sinks = [sink], Log = _ => { } });
        TrackingScenario.Train(tracker, epochs: 6);
        await tracker.CompleteAsync();
        server.Faults.Outage = false;

        TrackingReport report = await TrackingSync.SyncAsync(folder.Path, [Sink(server)], new TrackingSyncOptions { Log = _ => { } });

        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status, report.Describe());
        FakeRequest operations = server.Requests.Single(r => r.Path.EndsWith("attributes/operations", StringComparison.Ordinal));
        JsonArray ops = JsonNode.Parse(operations.Body)!.AsArray();
        JsonNode trainLoss = ops.Single(o => o!["path"]!.GetValue<string>() == "train/loss")!;
        Assert.HasCount(6, trainLoss["logFloats"]!["entries"]!.AsArray());
        Assert.HasCount(6, server.Runs.Single().Series["validation/accuracy"]);
    }

    [TestMethod]
    public async Task PerOperationErrorsInsideA200AreCountedAsRefusedPoints()
    {
        await using var server = new FakeNeptuneServer { RejectPath = "train/accuracy" };
        using var folder = new TempFolder();

        var (report, log) = await RunAsync(folder.Path, Sink(server), epochs: 3);

        SinkReport sink = report.Sinks.Single();
        Assert.AreEqual(SinkStatus.Complete, sink.Status);
        Assert.IsGreaterThan(0L, sink.PointsDropped[PointDropReason.RejectedByServer]);
        Assert.IsFalse(server.Runs.Single().Series.ContainsKey("train/accuracy"));
        Assert.HasCount(3, server.Runs.Single().Series["train/loss"]);
        Assert.AreEqual(1, log.Count(l => l.Contains("invalid_attribute_type", StringComparison.Ordinal)), "reported once: " + string.Join("\n", log));
    }

    [TestMethod]
    public async Task A401IsAnsweredByANewAccessTokenAndTheCallIsRepeated()
    {
        await using var server = new FakeNeptuneServer();
        using var folder = new TempFolder();
        var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Path, Sinks = [Sink(server)], Log = _ => { } });
        tracker.OnTrainingStarted(TrackingScenario.Started());
        await MlflowSinkTests.WaitUntil(() => server.Runs.Count == 1 && server.Runs[0].Attributes.ContainsKey("sys/name"));
        server.ExpireAccessTokens();
        tracker.OnEpochEnded(TrackingScenario.Epoch(1));
        tracker.OnEpochEnded(TrackingScenario.Epoch(2));
        TrackingReport report = await tracker.CompleteAsync();

        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status, report.Describe());
        Assert.HasCount(2, server.Runs.Single().Series["train/loss"]);
        Assert.IsTrue(server.Requests.Any(r => r.Path.EndsWith("attributes/operations", StringComparison.Ordinal)) && server.Exchanges + server.Refreshes >= 2,
            "a 401 made the client get a new token");
    }

    [TestMethod]
    public async Task AnAccessTokenAboutToExpireIsRefreshedThroughTheIssuer()
    {
        await using var server = new FakeNeptuneServer { TokenLifetime = TimeSpan.FromSeconds(20) }; // less than the 30 s margin
        using var folder = new TempFolder();

        var (report, _) = await RunAsync(folder.Path, Sink(server), epochs: 2);

        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status, report.Describe());
        Assert.IsGreaterThan(0, server.Refreshes, "the refresh_token grant was used");
        Assert.AreEqual(1, server.Exchanges, "no new API-token exchange while refreshing works");
    }

    [TestMethod]
    public async Task ABadTokenSwitchesTheSinkOffAndASyncWithTheRightOneDeliversEverything()
    {
        await using var server = new FakeNeptuneServer();
        using var folder = new TempFolder();
        string wrong = Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["api_address"] = server.BaseUri.ToString(), ["api_key"] = "wrong-key-0000" }.ToJsonString()));

        var (report, _) = await RunAsync(folder.Path, Sink(server, wrong), epochs: 3);
        Assert.AreEqual(SinkStatus.Disabled, report.Sinks.Single().Status);
        StringAssert.Contains(report.Sinks.Single().LastError, "refused the API token");
        Assert.IsEmpty(server.Runs);

        TrackingReport synced = await TrackingSync.SyncAsync(folder.Path, [Sink(server)], new TrackingSyncOptions { Log = _ => { } });
        Assert.AreEqual(SinkStatus.Complete, synced.Sinks.Single().Status, synced.Describe());
        Assert.HasCount(3, server.Runs.Single().Series["train/loss"]);
    }

    [TestMethod]
    public async Task AMissingProjectIsAClearFatalError()
    {
        await using var server = new FakeNeptuneServer();
        using var folder = new TempFolder();
        var sink = new NeptuneSink(new NeptuneSinkOptions { ApiToken = server.ApiToken, Project = "workspace/other", Retry = TrackingScenario.FastRetry() });

        var (report, _) = await RunAsync(folder.Path, sink, epochs: 1);

        Assert.AreEqual(SinkStatus.Disabled, report.Sinks.Single().Status);
        StringAssert.Contains(report.Sinks.Single().LastError, "no project 'workspace/other'");
    }

    [TestMethod]
    public void TheApiTokenIsParsedAndBadOnesFailWithoutShowingThem()
    {
        string token = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"api_address\":\"neptune.example.com\",\"api_key\":\"k-123456\"}"));
        NeptuneApiToken parsed = NeptuneApiToken.Parse(token);
        Assert.AreEqual(new Uri("https://neptune.example.com/"), parsed.Address);
        Assert.AreEqual("k-123456", parsed.ApiKey);
        Assert.DoesNotContain("k-123456", parsed.ToString());
        string withUrl = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"api_address\":\"a.example\",\"api_url\":\"http://b.example:8080\",\"api_key\":\"k-654321\"}"));
        Assert.AreEqual(new Uri("http://b.example:8080/"), NeptuneApiToken.Parse(withUrl).Address);

        ArgumentException notBase64 = Assert.ThrowsExactly<ArgumentException>(() => NeptuneApiToken.Parse("not*base64-secret"));
        Assert.DoesNotContain("not*base64-secret", notBase64.Message);
        string noAddress = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"api_key\":\"k-999999\"}"));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => NeptuneApiToken.Parse(noAddress)).Message, "api_address");
    }

    [TestMethod]
    public void EnvironmentVariablesConfigureTheSinkAndModesAreHonoured()
    {
        var env = new Dictionary<string, string> { ["NEPTUNE_API_TOKEN"] = "dG9rZW4tdmFsdWU=", ["NEPTUNE_PROJECT"] = "ws/proj", ["NEPTUNE_CUSTOM_RUN_ID"] = "my-run" };
        NeptuneSinkOptions options = NeptuneSinkOptions.FromEnvironment(env.GetValueOrDefault, forSync: false)!;
        Assert.AreEqual("ws/proj", options.Project);
        Assert.AreEqual("my-run", options.CustomRunId);
        env["NEPTUNE_MODE"] = "offline";
        Assert.IsNull(NeptuneSinkOptions.FromEnvironment(env.GetValueOrDefault, forSync: false), "offline: spool only");
        Assert.IsNotNull(NeptuneSinkOptions.FromEnvironment(env.GetValueOrDefault, forSync: true), "a sync uploads offline runs");
        env["NEPTUNE_MODE"] = "debug";
        Assert.IsNull(NeptuneSinkOptions.FromEnvironment(env.GetValueOrDefault, forSync: true));
        Assert.IsNull(NeptuneSinkOptions.FromEnvironment(new Dictionary<string, string> { ["NEPTUNE_PROJECT"] = "ws/proj" }.GetValueOrDefault, forSync: false));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new NeptuneSink(new NeptuneSinkOptions { ApiToken = "x", Project = "noslash" })).Message, "workspace/project");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new NeptuneSink(new NeptuneSinkOptions { ApiToken = "x", Project = "a/b", CustomRunId = new string('c', 37) })).Message, "36");
    }

    [TestMethod]
    public async Task AnotherTransportCanBePluggedIn()
    {
        var transport = new RecordingTransport();
        using var folder = new TempFolder();
        var (report, _) = await RunAsync(folder.Path, new NeptuneSink(new NeptuneSinkOptions { Project = "a/b", Transport = transport }), epochs: 2);

        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status);
        Assert.AreEqual(report.RunKey.ToString("D"), transport.CustomId);
        Assert.IsTrue(transport.Operations.Any(o => o.Path == "train/loss" && o.Kind == NeptuneOperationKind.LogFloats));
        Assert.IsTrue(transport.Disposed);
    }

    private sealed class RecordingTransport : INeptuneTransport
    {
        public string? CustomId { get; private set; }

        public List<NeptuneOperation> Operations { get; } = [];

        public bool Disposed { get; private set; }

        public int MaxOperationsPerRequest => 10;

        public Task<NeptuneRunInfo> CreateRunAsync(string project, string customId, Action<string> warn, CancellationToken cancellationToken)
        {
            CustomId = customId;
            return Task.FromResult(new NeptuneRunInfo("run-1", "P-1", null));
        }

        public Task<IReadOnlyList<NeptuneOperationError>> ExecuteAsync(string runId, IReadOnlyList<NeptuneOperation> operations, Action<string> warn, CancellationToken cancellationToken)
        {
            Assert.IsLessThanOrEqualTo(10, operations.Count, "requests respect the transport's limit");
            Operations.AddRange(operations);
            return Task.FromResult<IReadOnlyList<NeptuneOperationError>>([]);
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
