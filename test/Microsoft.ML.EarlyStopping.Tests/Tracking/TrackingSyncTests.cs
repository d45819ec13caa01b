using System.Text;
using Microsoft.ML.EarlyStopping.Tests.Data;
using Microsoft.ML.EarlyStopping.Tests.Tracking.Fakes;
using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Tracking.Mlflow;
using Microsoft.ML.EarlyStopping.Tracking.Neptune;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking;

[TestClass]
public sealed class TrackingSyncTests
{
    private static MlflowSink Mlflow(Uri uri) => new(new MlflowSinkOptions { TrackingUri = uri, ExperimentName = "cifar", Retry = TrackingScenario.FastRetry(retries: 2) });

    private static NeptuneSink Neptune(Uri baseUri, string token) => new(new NeptuneSinkOptions
    {
        ApiToken = token,
        Project = FakeNeptuneServer.ProjectName,
        Retry = TrackingScenario.FastRetry(retries: 2),
    });

    private static string TokenFor(Uri address, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"api_address\":\"{address.ToString().TrimEnd('/')}\",\"api_key\":\"{key}\"}}"));

    private static TrackingSyncOptions Quiet => new() { Log = _ => { } };

    [TestMethod]
    public async Task WithBothServersDownTrainingEndsNormallyAndASyncLaterUploadsEverythingExactlyOnce()
    {
        using var folder = new TempFolder();
        Uri dead = FakeHttpServer.DeadAddress();
        await using var neptune = new FakeNeptuneServer();
        var log = new List<string>();
        var tracker = new MetricsTracker(new MetricsTrackerOptions
        {
            RunFolder = folder.Path,
            RunName = "offline-run",
            Sinks = [Mlflow(dead), Neptune(dead, TokenFor(dead, neptune.ApiKey))],
            Log = line => { lock (log) log.Add(line); },
        });
        TrackingScenario.Train(tracker, epochs: 6);
        tracker.LogEvaluation("test", new Dictionary<string, double> { ["micro_accuracy"] = 0.6 });
        TrackingReport offline = await tracker.CompleteAsync();

        foreach (SinkReport sink in offline.Sinks)
        {
            Assert.AreEqual(SinkStatus.Unavailable, sink.Status, offline.Describe());
            Assert.AreEqual(10, sink.EventsPending, "everything is waiting in the spool");
        }
        Assert.AreEqual(10, EventSpool.Read(tracker.SpoolPath).Events.Count);

        await using var mlflow = new FakeMlflowServer();
        // The Neptune token names the server's address, so the sync's token points at the live fake.
        TrackingReport synced = await TrackingSync.SyncAsync(folder.Path, [Mlflow(mlflow.BaseUri), Neptune(neptune.BaseUri, neptune.ApiToken)], Quiet);
        foreach (SinkReport sink in synced.Sinks)
        {
            Assert.AreEqual(SinkStatus.Complete, sink.Status, synced.Describe());
            Assert.AreEqual(10, sink.EventsDelivered);
        }
        MlflowRun run = mlflow.Runs.Single();
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4, 5, 6 }, run.Series("train/loss").Select(p => p.Step).ToArray());
        Assert.AreEqual("FINISHED", run.Status);
        Assert.AreEqual(offline.RunKey.ToString("D"), run.Tags[MlflowSink.RunKeyTag]);
        Assert.HasCount(6, neptune.Runs.Single().Series["validation/loss"]);

        // A second sync finds nothing left to send and creates nothing.
        int mlflowRequests = mlflow.Requests.Count, neptuneOps = neptune.Runs.Single().OperationCount;
        TrackingReport again = await TrackingSync.SyncAsync(folder.Path, [Mlflow(mlflow.BaseUri), Neptune(neptune.BaseUri, neptune.ApiToken)], Quiet);
        Assert.IsTrue(again.Sinks.All(s => s.EventsDelivered == 0 && s.Status == SinkStatus.Complete));
        Assert.AreEqual(mlflowRequests, mlflow.Requests.Count);
        Assert.AreEqual(neptuneOps, neptune.Runs.Single().OperationCount);
        Assert.HasCount(1, mlflow.Runs);
        Assert.HasCount(1, neptune.Runs);
    }

    [TestMethod]
    public async Task ASyncInterruptedMidUploadResumesWithoutDuplicatesOrASecondRun()
    {
        using var folder = new TempFolder();
        var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Path, Log = _ => { } });
        TrackingScenario.Train(tracker, epochs: 8);
        await tracker.CompleteAsync(); // 11 events: start, 8 epochs, outcome, end

        await using var mlflow = new FakeMlflowServer();
        await using var neptune = new FakeNeptuneServer();
        // First sync: the servers go down in the middle (MLflow took the params and the metrics, then failed).
        mlflow.Faults.Next("runs/log-batch", FaultPlan.Pass, FaultPlan.Pass, FaultPlan.Status(503));
        neptune.Faults.Next("attributes/operations", FaultPlan.Status(503));
        var noRetry = TrackingScenario.FastRetry(retries: 0);
        TrackingReport first = await TrackingSync.SyncAsync(folder.Path,
            [new MlflowSink(new MlflowSinkOptions { TrackingUri = mlflow.BaseUri, ExperimentName = "cifar", Retry = noRetry }),
             new NeptuneSink(new NeptuneSinkOptions { ApiToken = neptune.ApiToken, Project = FakeNeptuneServer.ProjectName, Retry = noRetry })], Quiet);
        Assert.IsTrue(first.Sinks.All(s => s.Status == SinkStatus.Unavailable), first.Describe());
        Assert.AreEqual(9, first.Sinks[0].EventsDelivered, "MLflow acknowledged the start and the 8 epochs");

        TrackingReport second = await TrackingSync.SyncAsync(folder.Path, [Mlflow(mlflow.BaseUri), Neptune(neptune.BaseUri, neptune.ApiToken)], Quiet);
        Assert.IsTrue(second.Sinks.All(s => s.Status == SinkStatus.Complete), second.Describe());
        Assert.AreEqual(2, second.Sinks[0].EventsDelivered, "the sync resumed after the last acknowledged event");
        Assert.AreEqual(11, second.Sinks[1].EventsDelivered);
        AssertExactlyOnce(mlflow, neptune);

        // A crash after the servers accepted but before the progress was saved: the next sync resends everything,
        // finds the same runs by the run key, and the points do not double.
        File.Delete(Path.Combine(folder.Path, "tracking", "sinks", "mlflow.json"));
        File.Delete(Path.Combine(folder.Path, "tracking", "sinks", "neptune.json"));
        TrackingReport replay = await TrackingSync.SyncAsync(folder.Path, [Mlflow(mlflow.BaseUri), Neptune(neptune.BaseUri, neptune.ApiToken)], Quiet);
        Assert.IsTrue(replay.Sinks.All(s => s.Status == SinkStatus.Complete), replay.Describe());
        AssertExactlyOnce(mlflow, neptune);
    }

    private static void AssertExactlyOnce(FakeMlflowServer mlflow, FakeNeptuneServer neptune)
    {
        MlflowRun run = mlflow.Runs.Single();
        foreach (string key in new[] { "train/loss", "validation/accuracy", "learning_rate" })
            CollectionAssert.AreEqual(Enumerable.Range(1, 8).Select(i => (long)i).ToArray(), run.Series(key).Select(p => p.Step).ToArray(), key);
        Assert.AreEqual("FINISHED", run.Status);
        NeptuneRun neptuneRun = neptune.Runs.Single();
        CollectionAssert.AreEqual(Enumerable.Range(1, 8).Select(i => (double)i).ToArray(), neptuneRun.Series["train/loss"].Select(p => p.Step).ToArray());
    }

    [TestMethod]
    public async Task AProcessKilledMidEpochLosesOnlyTheTornLineAndSyncCanCloseTheRunAsKilled()
    {
        using var folder = new TempFolder();
        var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Path, Log = _ => { } });
        tracker.OnTrainingStarted(TrackingScenario.Started());
        for (int epoch = 1; epoch <= 4; epoch++)
            tracker.OnEpochEnded(TrackingScenario.Epoch(epoch));
        await tracker.CompleteAsync();
        // Simulate the kill: the run never ended, and the process died in the middle of writing epoch 4's line.
        string spool = tracker.SpoolPath;
        List<string> lines = [.. File.ReadAllLines(spool)];
        lines.RemoveAt(lines.Count - 1); // the run-ended line was never written
        string torn = lines[^1][..(lines[^1].Length / 2)];
        lines.RemoveAt(lines.Count - 1);
        File.WriteAllText(spool, string.Join("\n", lines) + "\n" + torn);

        await using var mlflow = new FakeMlflowServer();
        var logged = new List<string>();
        TrackingReport report = await TrackingSync.SyncAsync(folder.Path, [Mlflow(mlflow.BaseUri)],
            new TrackingSyncOptions { EndUnfinishedRunAs = RunEndState.Killed, Log = logged.Add });

        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status, report.Describe());
        MlflowRun run = mlflow.Runs.Single();
        CollectionAssert.AreEqual(new long[] { 1, 2, 3 }, run.Series("train/loss").Select(p => p.Step).ToArray(), "epochs flushed before the kill survive");
        Assert.AreEqual("KILLED", run.Status);
        Assert.IsTrue(logged.Any(l => l.Contains("cut off", StringComparison.Ordinal)), string.Join("\n", logged));
        SpoolContents contents = EventSpool.Read(spool);
        Assert.IsFalse(contents.TornTail, "the torn line was cut before appending the end");
        Assert.IsInstanceOfType<RunEndedEvent>(contents.Events[^1]);
    }

    [TestMethod]
    public async Task ADamagedSpoolOrAFolderWithoutOneFailsWithAClearMessage()
    {
        using var folder = new TempFolder();
        FileNotFoundException missing = await Assert.ThrowsExactlyAsync<FileNotFoundException>(() => TrackingSync.SyncAsync(folder.Path, [], Quiet));
        StringAssert.Contains(missing.Message, "spool.jsonl");

        var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Path, Log = _ => { } });
        TrackingScenario.Train(tracker, epochs: 2);
        await tracker.CompleteAsync();
        List<string> lines = [.. File.ReadAllLines(tracker.SpoolPath)];
        lines[2] = "{not json";
        File.WriteAllLines(tracker.SpoolPath, lines);
        InvalidDataException damaged = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => TrackingSync.SyncAsync(folder.Path, [], Quiet));
        StringAssert.Contains(damaged.Message, "line 3");
        StringAssert.Contains(damaged.Message, tracker.SpoolPath);
    }

    [TestMethod]
    public async Task AnyCustomSinkCanBeSyncedAndItsProgressIsKept()
    {
        using var folder = new TempFolder();
        var flaky = new FailingSink("custom", _ => new TrackingSinkException(TrackingFailureKind.Unavailable, "offline"));
        var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Path, Sinks = [flaky], Log = _ => { } });
        TrackingScenario.Train(tracker, epochs: 3);
        await tracker.CompleteAsync();

        var healthy = new FailingSink("custom", _ => new InvalidOperationException()) { Healthy = true };
        TrackingReport report = await TrackingSync.SyncAsync(folder.Path, [healthy], Quiet);

        Assert.AreEqual(6, healthy.Delivered.Count);
        CollectionAssert.AreEqual(Enumerable.Range(1, 6).Select(i => (long)i).ToArray(), healthy.Delivered.Select(e => e.Sequence).ToArray());
        Assert.AreEqual(6, report.Sinks.Single().EventsDelivered);
        StringAssert.Contains(File.ReadAllText(Path.Combine(folder.Path, "tracking", "sinks", "custom.json")), "\"acknowledged\":6");
    }
}
