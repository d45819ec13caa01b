using Microsoft.ML.EarlyStopping.Tests.Data;
using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking;

[TestClass]
public sealed class MetricsTrackerTests
{
    private static MetricsTracker Create(TempFolder folder, List<string> log, params ITrackingSink[] sinks) => new(new MetricsTrackerOptions
    {
        RunFolder = folder.Path,
        RunName = "test-run",
        Tags = ["cifar", "unit"],
        Sinks = sinks,
        ShutdownTimeout = TimeSpan.FromSeconds(20),
        Log = line => { lock (log) log.Add(line); },
    });

    [TestMethod]
    public async Task EveryEventReachesTheSinkInOrderAndTheSpoolHoldsTheSame()
    {
        using var folder = new TempFolder();
        var log = new List<string>();
        var sink = new RecordingSink();
        MetricsTracker tracker = Create(folder, log, sink);

        TrackingScenario.Train(tracker, epochs: 4);
        tracker.LogEvaluation("test", new Dictionary<string, double> { ["micro_accuracy"] = 0.75 });
        TrackingReport report = await tracker.CompleteAsync();

        IReadOnlyList<TrackingEvent> events = sink.Events;
        CollectionAssert.AreEqual(
            new[] { typeof(RunStartedEvent), typeof(EpochEndedEvent), typeof(EpochEndedEvent), typeof(EpochEndedEvent), typeof(EpochEndedEvent), typeof(TrainingOutcomeEvent), typeof(EvaluationEvent), typeof(RunEndedEvent) },
            events.Select(e => e.GetType()).ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(1, 8).Select(i => (long)i).ToArray(), events.Select(e => e.Sequence).ToArray());
        var started = (RunStartedEvent)events[0];
        Assert.AreEqual(tracker.RunKey, started.RunKey);
        Assert.AreEqual("test-run", started.RunName);
        CollectionAssert.AreEqual(new[] { "cifar", "unit" }, started.Tags.ToArray());
        Assert.AreEqual("0.05", started.Parameters["LearningRate"]);
        Assert.AreEqual("900", started.Parameters["Data.TrainingRows"]);
        Assert.AreEqual("airplane,automobile,bird", started.Parameters["Data.Classes"]);
        var third = (EpochEndedEvent)events[3];
        Assert.AreEqual(3, third.Epoch);
        Assert.AreEqual(TrackingScenario.TrainingLoss(3), third.Metrics[TrackingMetricNames.TrainingLoss], 1e-12);
        Assert.AreEqual(TrackingScenario.ValidationLoss(3), third.Metrics[TrackingMetricNames.ValidationLoss], 1e-12);
        Assert.AreEqual(13.0, third.Metrics[TrackingMetricNames.EpochSeconds], 1e-9);
        Assert.AreEqual(0.0, third.Metrics[TrackingMetricNames.Improved]);
        Assert.AreEqual(1.0, third.Metrics[TrackingMetricNames.EpochsWithoutImprovement]);
        var outcome = (TrainingOutcomeEvent)events[5];
        Assert.AreEqual(RunEndState.Finished, outcome.State);
        Assert.AreEqual("PatienceExhausted", outcome.StopReason);
        Assert.AreEqual(2, outcome.BestEpoch);
        Assert.AreEqual(RunEndState.Finished, ((RunEndedEvent)events[7]).State);
        Assert.IsTrue(sink.Disposed, "the tracker disposes its sinks");

        SpoolContents spool = EventSpool.Read(tracker.SpoolPath);
        Assert.AreEqual(tracker.RunKey, spool.Header.RunKey);
        Assert.AreEqual(8, spool.Events.Count);
        var spooled = (EpochEndedEvent)spool.Events[3];
        Assert.AreEqual(third.Sequence, spooled.Sequence);
        CollectionAssert.AreEquivalent(third.Metrics.ToList(), spooled.Metrics.ToList(), "the spool holds what the sink got");
        Assert.AreEqual(8, report.EventsSpooled);
        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single().Status);
        Assert.AreEqual(8, report.Sinks.Single().EventsDelivered);
        Assert.IsEmpty(log, "nothing noteworthy happened: " + string.Join("; ", log));
    }

    [TestMethod]
    public async Task ACancelledFitEndsTheRunKilledAndAFailedOneFailed()
    {
        foreach (var (state, expected) in new[] { (TrainingEndState.Canceled, RunEndState.Killed), (TrainingEndState.Failed, RunEndState.Failed) })
        {
            using var folder = new TempFolder();
            var sink = new RecordingSink();
            MetricsTracker tracker = Create(folder, [], sink);
            tracker.OnTrainingStarted(TrackingScenario.Started());
            tracker.OnEpochEnded(TrackingScenario.Epoch(1));
            tracker.OnTrainingEnded(new TrainingEndedEvent { State = state, Error = new InvalidOperationException("boom"), EndTime = DateTimeOffset.UtcNow });
            await tracker.CompleteAsync();

            var outcome = sink.Events.OfType<TrainingOutcomeEvent>().Single();
            Assert.AreEqual(expected, outcome.State);
            Assert.AreEqual("InvalidOperationException: boom", outcome.Error);
            Assert.AreEqual(expected, sink.Events.OfType<RunEndedEvent>().Single().State);
        }
    }

    [TestMethod]
    public void ATrackerClosedWhileTrainingRunsEndsTheRunKilled()
    {
        using var folder = new TempFolder();
        var sink = new RecordingSink();
        MetricsTracker tracker = Create(folder, [], sink);
        tracker.OnTrainingStarted(TrackingScenario.Started());
        tracker.OnEpochEnded(TrackingScenario.Epoch(1));
        tracker.Dispose();

        Assert.AreEqual(RunEndState.Killed, sink.Events.OfType<RunEndedEvent>().Single().State);
        tracker.OnEpochEnded(TrackingScenario.Epoch(2));
        Assert.AreEqual(3, sink.Events.Count, "events after completion are ignored, not thrown");
    }

    [TestMethod]
    public async Task AnEpochWithoutAStartStillBeginsTheSpoolWithARunStartedEvent()
    {
        using var folder = new TempFolder();
        var sink = new RecordingSink();
        MetricsTracker tracker = Create(folder, [], sink);
        tracker.OnEpochEnded(TrackingScenario.Epoch(1));
        await tracker.CompleteAsync();

        Assert.IsInstanceOfType<RunStartedEvent>(sink.Events[0]);
        Assert.IsInstanceOfType<EpochEndedEvent>(sink.Events[1]);
        Assert.AreEqual(RunEndState.Finished, sink.Events.OfType<RunEndedEvent>().Single().State);
    }

    [TestMethod]
    public async Task ARefusingSinkDeadLettersItsBatchesWhileAnotherSinkGetsEverything()
    {
        using var folder = new TempFolder();
        var log = new List<string>();
        var good = new RecordingSink("good");
        var bad = new FailingSink("bad", _ => new TrackingSinkException(TrackingFailureKind.Rejected, "HTTP 500 conflict"));
        MetricsTracker tracker = Create(folder, log, bad, good);

        TrackingScenario.Train(tracker, epochs: 3);
        TrackingReport report = await tracker.CompleteAsync();

        Assert.AreEqual(6, good.Events.Count);
        SinkReport badReport = report.Sinks.Single(s => s.Name == "bad");
        Assert.AreEqual(SinkStatus.Complete, badReport.Status, "refused batches are set aside, not left pending");
        Assert.AreEqual(6, badReport.EventsDeadLettered);
        Assert.AreEqual(0, badReport.EventsPending);
        Assert.IsGreaterThan(0L, badReport.PointsDropped[PointDropReason.DeadLettered]);
        string deadLetter = File.ReadAllText(Path.Combine(folder.Path, "tracking", "dead-letter", "bad.jsonl"));
        StringAssert.Contains(deadLetter, "HTTP 500 conflict");
        StringAssert.Contains(deadLetter, "\"type\":\"epoch\"");
        Assert.IsTrue(log.Any(l => l.Contains("set aside", StringComparison.Ordinal)), string.Join("\n", log));
    }

    [TestMethod]
    public async Task AnUnavailableSinkLeavesItsEventsPendingInTheSpool()
    {
        using var folder = new TempFolder();
        var log = new List<string>();
        var down = new FailingSink("down", _ => new TrackingSinkException(TrackingFailureKind.Unavailable, "connection refused"));
        MetricsTracker tracker = Create(folder, log, down);

        TrackingScenario.Train(tracker, epochs: 3);
        TrackingReport report = await tracker.CompleteAsync();

        SinkReport sink = report.Sinks.Single();
        Assert.AreEqual(SinkStatus.Unavailable, sink.Status);
        Assert.AreEqual(6, sink.EventsPending);
        Assert.AreEqual(0, sink.EventsDeadLettered);
        Assert.AreEqual(1, log.Count(l => l.Contains("unavailable (connection refused)", StringComparison.Ordinal)), "one warning, not one per batch: " + string.Join("\n", log));
        Assert.IsTrue(report.HasPendingEvents);
        StringAssert.Contains(report.Describe(), "6 pending (run sync");
    }

    [TestMethod]
    public async Task AFatalSinkIsSwitchedOffAndTheOthersGoOn()
    {
        using var folder = new TempFolder();
        var good = new RecordingSink("good");
        var fatal = new FailingSink("fatal", _ => new TrackingSinkException(TrackingFailureKind.Fatal, "token refused"));
        MetricsTracker tracker = Create(folder, [], fatal, good);

        TrackingScenario.Train(tracker, epochs: 5);
        TrackingReport report = await tracker.CompleteAsync();

        Assert.AreEqual(1, fatal.Attempts, "a switched-off sink is not tried again in the same run");
        Assert.AreEqual(SinkStatus.Disabled, report.Sinks.Single(s => s.Name == "fatal").Status);
        Assert.AreEqual(8, report.Sinks.Single(s => s.Name == "fatal").EventsPending);
        Assert.AreEqual(8, good.Events.Count);
    }

    [TestMethod]
    public async Task AHangingSinkDelaysShutdownOnlyUntilTheTimeoutAndBlocksNoOtherSink()
    {
        using var folder = new TempFolder();
        var hanging = new HangingSink();
        var good = new RecordingSink("good");
        var tracker = new MetricsTracker(new MetricsTrackerOptions
        {
            RunFolder = folder.Path,
            Sinks = [hanging, good],
            ShutdownTimeout = TimeSpan.FromMilliseconds(300),
            Log = _ => { },
        });

        tracker.OnTrainingStarted(TrackingScenario.Started());
        await hanging.Entered.Task;
        for (int epoch = 1; epoch <= 3; epoch++)
            tracker.OnEpochEnded(TrackingScenario.Epoch(epoch));
        tracker.OnTrainingEnded(TrackingScenario.Finished(3));
        await MlflowSinkTests.WaitUntil(() => good.Events.OfType<TrainingOutcomeEvent>().Any()); // the good sink got everything while the other one hung
        TrackingReport report = await tracker.CompleteAsync();

        Assert.IsTrue(hanging.SawCancellation, "the hanging write was cancelled when the shutdown time ran out");
        SinkReport hung = report.Sinks.Single(s => s.Name == "hanging");
        Assert.AreEqual(SinkStatus.TimedOut, hung.Status);
        Assert.AreEqual(6, hung.EventsPending);
        Assert.AreEqual(SinkStatus.Complete, report.Sinks.Single(s => s.Name == "good").Status);
    }

    [TestMethod]
    public void ARunFolderWithASpoolCannotBeReusedAndALiveOneIsLocked()
    {
        using var folder = new TempFolder();
        MetricsTracker first = Create(folder, []);
        IOException locked = Assert.ThrowsExactly<IOException>(() => Create(folder, []));
        StringAssert.Contains(locked.Message, "in use by another tracker or sync");
        first.Dispose();

        InvalidOperationException reused = Assert.ThrowsExactly<InvalidOperationException>(() => Create(folder, []));
        StringAssert.Contains(reused.Message, "already has a tracking spool");
    }

    [TestMethod]
    public void OptionsAreCheckedWithClearMessages()
    {
        using var folder = new TempFolder();
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new MetricsTracker(new MetricsTrackerOptions())).Message, "RunFolder");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new MetricsTracker(new MetricsTrackerOptions
        {
            RunFolder = folder.Path,
            Sinks = [new RecordingSink("same"), new RecordingSink("same")],
        })).Message, "'same'");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new MetricsTracker(new MetricsTrackerOptions
        {
            RunFolder = folder.Path,
            Sinks = [new RecordingSink("bad/name")],
        })).Message, "letters, digits");
        Assert.IsFalse(File.Exists(Path.Combine(folder.Path, "tracking", "spool.jsonl")), "nothing is written for bad options");
    }

    [TestMethod]
    public async Task NonIncreasingStepsAreDroppedCountedAndReported()
    {
        using var folder = new TempFolder();
        var log = new List<string>();
        var sink = new RecordingSink();
        MetricsTracker tracker = Create(folder, log, sink);
        tracker.OnTrainingStarted(TrackingScenario.Started());
        tracker.OnEpochEnded(TrackingScenario.Epoch(1));
        tracker.OnEpochEnded(TrackingScenario.Epoch(2));
        tracker.OnEpochEnded(TrackingScenario.Epoch(2)); // a resumed loop repeating an epoch
        tracker.OnEpochEnded(TrackingScenario.Epoch(1));
        tracker.OnEpochEnded(TrackingScenario.Epoch(3));
        TrackingReport report = await tracker.CompleteAsync();

        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, sink.Events.OfType<EpochEndedEvent>().Select(e => e.Epoch).ToArray());
        int pointsPerEpoch = sink.Events.OfType<EpochEndedEvent>().First().Metrics.Count;
        Assert.AreEqual(2L * pointsPerEpoch, report.Sinks.Single().PointsDropped[PointDropReason.NonIncreasingStep]);
        Assert.IsTrue(log.Any(l => l.Contains("NonIncreasingStep", StringComparison.Ordinal)), "drops are reported at the end: " + string.Join("\n", log));
        Assert.AreEqual(7, EventSpool.Read(tracker.SpoolPath).Events.Count, "the spool keeps everything; only delivery filters");
    }
}
