namespace Microsoft.ML.EarlyStopping.Tests.EarlyStopping;

/// <summary>How a trainer drives a monitor: epoch order, completion, cancellation, isolation from the caller's options.</summary>
[TestClass]
public sealed class EarlyStoppingMonitorLifecycleTests
{
    [TestMethod]
    public void FreshMonitorHasNoState()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());

        Assert.IsFalse(monitor.ShouldStop);
        Assert.AreEqual(EarlyStoppingReason.None, monitor.StopReason);
        Assert.IsNull(monitor.StoppedEpoch);
        Assert.IsNull(monitor.StopMessage);
        Assert.IsNull(monitor.BestEpoch);
        Assert.IsNull(monitor.BestValue);
        Assert.AreEqual(0, monitor.EpochsWithoutImprovement);
        Assert.AreEqual(0, monitor.LastEpoch);
        Assert.IsNull(monitor.WeightsEpoch);
        Assert.IsFalse(monitor.BaselineReached);
        Assert.IsFalse(monitor.ShouldRestoreBestWeights);
    }

    [TestMethod]
    [DataRow(EarlyStoppingMetric.ValidationLoss, MetricDirection.Auto, MetricDirection.Minimize)]
    [DataRow(EarlyStoppingMetric.TrainingLoss, MetricDirection.Auto, MetricDirection.Minimize)]
    [DataRow(EarlyStoppingMetric.ValidationAccuracy, MetricDirection.Auto, MetricDirection.Maximize)]
    [DataRow(EarlyStoppingMetric.ValidationLoss, MetricDirection.Minimize, MetricDirection.Minimize)]
    [DataRow(EarlyStoppingMetric.ValidationAccuracy, MetricDirection.Maximize, MetricDirection.Maximize)]
    public void DirectionIsResolvedFromTheMetric(EarlyStoppingMetric metric, MetricDirection direction, MetricDirection expected)
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions { Metric = metric, Direction = direction });

        Assert.AreEqual(expected, monitor.ResolvedDirection);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(-1)]
    public void UpdateRejectsEpochsBelowOne(int epoch)
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());

        ArgumentOutOfRangeException error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => monitor.Update(epoch, 1));

        Assert.AreEqual("epoch", error.ParamName);
        Assert.AreEqual(0, monitor.LastEpoch, "a rejected call changes nothing");
    }

    [TestMethod]
    [DataRow(3)]
    [DataRow(2)]
    public void UpdateRejectsEpochsThatDoNotIncrease(int epoch)
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());
        monitor.Update(1, 1.0);
        monitor.Update(3, 0.5);

        ArgumentOutOfRangeException error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => monitor.Update(epoch, 0.1));

        Assert.AreEqual("epoch", error.ParamName);
        Assert.AreEqual(3, monitor.LastEpoch);
        Assert.AreEqual(0.5, monitor.BestValue, "a rejected call changes nothing");
    }

    [TestMethod]
    public void EpochsMayBeSkipped()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions { Patience = 1 });

        monitor.Update(2, 1.0);
        EarlyStoppingVerdict verdict = monitor.Update(5, 2.0);

        Assert.IsTrue(verdict.ShouldStop);
        Assert.AreEqual(5, monitor.StoppedEpoch);
        Assert.AreEqual(2, monitor.BestEpoch);
    }

    [TestMethod]
    public void UpdateAfterStopThrows()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions { Patience = 1 });
        monitor.Update(1, 1.0);
        monitor.Update(2, 2.0);

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(() => monitor.Update(3, 0.5));

        Assert.Contains("epoch 2", error.Message);
        Assert.AreEqual(1, monitor.BestEpoch);
    }

    [TestMethod]
    public void UpdateAfterCompleteOrCancelThrows()
    {
        var completed = new EarlyStoppingMonitor(new EarlyStoppingOptions());
        completed.Update(1, 1.0);
        completed.Complete(1);
        var cancelled = new EarlyStoppingMonitor(new EarlyStoppingOptions());
        cancelled.Cancel(1);

        Assert.ThrowsExactly<InvalidOperationException>(() => completed.Update(2, 0.5));
        Assert.ThrowsExactly<InvalidOperationException>(() => cancelled.Update(2, 0.5));
    }

    [TestMethod]
    public void CompleteRecordsMaxEpochsAtTheGivenEpoch()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions { RestoreBestWeights = false });
        monitor.Update(1, 1.0);
        monitor.Update(2, 0.5);

        monitor.Complete(4);

        Assert.AreEqual(EarlyStoppingReason.MaxEpochsReached, monitor.StopReason);
        Assert.AreEqual(4, monitor.StoppedEpoch);
        Assert.AreEqual(4, monitor.LastEpoch);
        Assert.AreEqual(4, monitor.WeightsEpoch);
        Assert.IsFalse(monitor.StoppedEarly);
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(0)]
    public void CompleteRejectsAnEpochBeforeTheLastOneSeen(int lastEpoch)
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());
        monitor.Update(2, 1.0);

        ArgumentOutOfRangeException error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => monitor.Complete(lastEpoch));

        Assert.AreEqual("lastEpoch", error.ParamName);
        Assert.AreEqual(EarlyStoppingReason.None, monitor.StopReason);
    }

    [TestMethod]
    public void CompleteAfterAStopKeepsTheStop()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions { Patience = 1 });
        monitor.Update(1, 1.0);
        monitor.Update(2, 2.0);

        monitor.Complete(2);

        Assert.AreEqual(EarlyStoppingReason.PatienceExhausted, monitor.StopReason);
        Assert.AreEqual(2, monitor.StoppedEpoch);
        Assert.IsTrue(monitor.StoppedEarly);
    }

    [TestMethod]
    public void CancelBeforeAnyBestKeepsTheCurrentWeights()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());

        monitor.Cancel(1);

        Assert.AreEqual(EarlyStoppingReason.Cancelled, monitor.StopReason);
        Assert.AreEqual(1, monitor.StoppedEpoch);
        Assert.IsNull(monitor.BestEpoch);
        Assert.AreEqual(1, monitor.WeightsEpoch);
        Assert.IsFalse(monitor.ShouldRestoreBestWeights);
        Assert.Contains("cancelled", monitor.StopMessage!);
    }

    [TestMethod]
    public void CancelDuringALaterEpochRestoresTheBest()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());
        monitor.Update(1, 1.0);
        monitor.Update(2, 0.5);
        monitor.Update(3, 0.7);

        monitor.Cancel(4);

        Assert.AreEqual(EarlyStoppingReason.Cancelled, monitor.StopReason);
        Assert.AreEqual(4, monitor.StoppedEpoch);
        Assert.AreEqual(4, monitor.LastEpoch);
        Assert.AreEqual(2, monitor.WeightsEpoch);
        Assert.IsTrue(monitor.ShouldRestoreBestWeights);
    }

    [TestMethod]
    public void CancelWithoutRestoreKeepsTheCancelledEpoch()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions { RestoreBestWeights = false });
        monitor.Update(1, 1.0);
        monitor.Update(2, 0.5);

        monitor.Cancel(3);

        Assert.AreEqual(3, monitor.WeightsEpoch);
        Assert.IsFalse(monitor.ShouldRestoreBestWeights);
    }

    [TestMethod]
    public void CancelAfterAStopKeepsTheOriginalReason()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());
        monitor.Update(1, 1.0);
        monitor.Update(2, double.NaN);
        string? message = monitor.StopMessage;

        monitor.Cancel(3);

        Assert.AreEqual(EarlyStoppingReason.NonFiniteMetric, monitor.StopReason);
        Assert.AreEqual(2, monitor.StoppedEpoch);
        Assert.AreEqual(message, monitor.StopMessage);
        Assert.AreEqual(1, monitor.WeightsEpoch);
    }

    [TestMethod]
    public void CancelRejectsAnEpochBeforeTheLastOneSeen()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());
        monitor.Update(3, 1.0);

        ArgumentOutOfRangeException error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => monitor.Cancel(2));

        Assert.AreEqual("epoch", error.ParamName);
        Assert.AreEqual(EarlyStoppingReason.None, monitor.StopReason);
    }

    [TestMethod]
    public void ChangingTheCallersOptionsDoesNotChangeARunningMonitor()
    {
        var options = new EarlyStoppingOptions { Patience = 2 };
        var monitor = new EarlyStoppingMonitor(options);
        options.Patience = 1;
        options.StopOnNonFiniteMetric = false;

        monitor.Update(1, 1.0);
        EarlyStoppingVerdict miss = monitor.Update(2, 2.0);

        Assert.IsFalse(miss.ShouldStop, "the monitor still uses Patience = 2");
        Assert.AreEqual(2, monitor.Options.Patience);
        Assert.IsTrue(monitor.Options.StopOnNonFiniteMetric);
    }

    [TestMethod]
    public void ChangingTheExposedOptionsDoesNotChangeTheMonitor()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions { Patience = 2 });

        monitor.Options.Patience = 1;
        monitor.Update(1, 1.0);
        EarlyStoppingVerdict miss = monitor.Update(2, 2.0);

        Assert.IsFalse(miss.ShouldStop);
        Assert.AreEqual(2, monitor.Options.Patience);
    }

    [TestMethod]
    public void EarlierVerdictsDoNotChange()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions { Patience = 2 });
        EarlyStoppingVerdict first = monitor.Update(1, 1.0);

        monitor.Update(2, 0.5);
        monitor.Update(3, 0.7);

        Assert.AreEqual(1, first.BestEpoch);
        Assert.AreEqual(1.0, first.BestValue);
        Assert.AreEqual(0, first.EpochsWithoutImprovement);
        Assert.IsTrue(first.IsImprovement);
    }

    [TestMethod]
    public void ShouldRestoreBestWeightsOnlyWhenTheBestIsNotTheLastEpoch()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());
        monitor.Update(1, 1.0);
        monitor.Update(2, 0.5);
        Assert.IsFalse(monitor.ShouldRestoreBestWeights, "the current weights are the best ones");

        monitor.Update(3, 0.7);

        Assert.IsTrue(monitor.ShouldRestoreBestWeights);
        Assert.AreEqual(2, monitor.WeightsEpoch);
    }

    [TestMethod]
    public void BaselineReachedOnlyOnceAnImprovementBeatsIt()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions { Baseline = 0.5, MinDelta = 0.1, Patience = 5 });

        monitor.Update(1, 0.45);
        Assert.IsFalse(monitor.BaselineReached, "0.45 is not below 0.5 - 0.1");
        monitor.Update(2, 0.38);
        Assert.IsFalse(monitor.BaselineReached, "0.38 beats the baseline but is no improvement over 0.45, so it is not kept");
        monitor.Update(3, 0.3);

        Assert.IsTrue(monitor.BaselineReached);
        Assert.AreEqual(0, monitor.EpochsWithoutImprovement);
    }
}
