using static Microsoft.ML.EarlyStopping.EarlyStoppingReason;

namespace Microsoft.ML.EarlyStopping.Tests.EarlyStopping;

/// <summary>
/// The policy as a table: a metric sequence and options in, the stop epoch, best epoch, kept-weights epoch,
/// reason and a per-epoch trace out (trace notation in <see cref="EarlyStoppingScenario.Trace"/>).
/// A sequence that is not stopped ends with Complete at its last epoch, so its stop epoch is its length.
/// </summary>
[TestClass]
public sealed class EarlyStoppingSequenceTests
{
    [TestMethod]
    // Patience counting and strict improvement.
    [DataRow("Patience=2", "0.5 0.6 0.7 0.4", "I0 m1 m2", 3, 1, 1, PatienceExhausted, DisplayName = "first epoch is best, later epochs only miss")]
    [DataRow("Patience=2", "1 0.5 0.5 0.5", "I0 I0 m1 m2", 4, 2, 2, PatienceExhausted, DisplayName = "ties are misses and the earliest best is kept")]
    [DataRow("Patience=1", "1 0.9 0.95", "I0 I0 m1", 3, 2, 2, PatienceExhausted, DisplayName = "patience 1 stops at the first miss")]
    [DataRow("Patience=3", "1 1.1 1.2 0.9 1 1 1", "I0 m1 m2 I0 m1 m2 m3", 7, 4, 4, PatienceExhausted, DisplayName = "an improvement resets the counter")]
    [DataRow("", "1 2 2 2 2 2 2 2 2 2 2 0.1", "I0 m1 m2 m3 m4 m5 m6 m7 m8 m9 m10", 11, 1, 1, PatienceExhausted, DisplayName = "default patience 10 stops at the 10th miss")]
    [DataRow("Patience=11", "1 2 2 2 2 2 2 2 2 2 2 2 0.1", "I0 m1 m2 m3 m4 m5 m6 m7 m8 m9 m10 m11", 12, 1, 1, PatienceExhausted, DisplayName = "the notebook's patience 10 (stop after 11 misses) is Patience 11")]
    [DataRow("Patience=1", "-1 -2 -1.5", "I0 I0 m1", 3, 2, 2, PatienceExhausted, DisplayName = "negative losses")]
    // MinDelta.
    [DataRow("Patience=5 MinDelta=0.1", "1 0.95 0.9 0.85 0.8 0.75", "I0 m1 m2 I0 m1 m2", 6, 4, 4, MaxEpochsReached, DisplayName = "MinDelta is measured from the cumulative best, not the previous epoch")]
    [DataRow("Patience=2 MinDelta=0.1", "0.8 0.7 0.6", "I0 m1 I0", 3, 3, 3, MaxEpochsReached, DisplayName = "a gain of exactly MinDelta is a miss even where binary rounding makes it look larger")]
    [DataRow("Patience=1 MinDelta=0.1", "1 0.89 0.8", "I0 I0 m1", 3, 2, 2, PatienceExhausted, DisplayName = "a gain just above MinDelta is an improvement")]
    [DataRow("Metric=ValidationAccuracy Patience=2 MinDelta=0.01", "0.5 0.51 0.515 0.52 0.524 0.9", "I0 m1 I0 m1 m2", 5, 3, 3, PatienceExhausted, DisplayName = "maximize with MinDelta")]
    [DataRow("Metric=ValidationAccuracy Patience=2", "0.3 0.2 0.3", "I0 m1 m2", 3, 1, 1, PatienceExhausted, DisplayName = "maximize: a tie is a miss")]
    [DataRow("Patience=2 MinDelta=0.1 MinDeltaMode=Relative", "2 1.8 1.7 1.5 1.6 1.55", "I0 m1 I0 I0 m1 m2", 6, 4, 4, PatienceExhausted, DisplayName = "relative MinDelta scales with the best")]
    [DataRow("Patience=1 MinDelta=0.5 MinDeltaMode=Relative", "-2 -2.5", "I0 m1", 2, 1, 1, PatienceExhausted, DisplayName = "relative MinDelta uses the magnitude of a negative best")]
    [DataRow("Metric=ValidationAccuracy Patience=1 MinDelta=0.1 MinDeltaMode=Relative", "0.5 0.56 0.6", "I0 I0 m1", 3, 2, 2, PatienceExhausted, DisplayName = "relative MinDelta when maximizing")]
    [DataRow("Metric=ValidationAccuracy Patience=1 MinDelta=0.5 MinDeltaMode=Relative", "0 0.001", "I0 I0", 2, 2, 2, MaxEpochsReached, DisplayName = "relative MinDelta from a best of zero is a strict comparison")]
    // Baseline.
    [DataRow("Patience=3 Baseline=0.5", "1 0.9 0.8 0.7", "i1 i2 i3", 3, 3, 3, BaselineNotReached, DisplayName = "baseline never reached while improving")]
    [DataRow("Patience=2 Baseline=0.5", "0.8 0.4 0.45 0.42", "i1 I0 m1 m2", 4, 2, 2, PatienceExhausted, DisplayName = "baseline reached, then a plateau")]
    [DataRow("Patience=2 Baseline=0.5", "0.6 0.5 0.55", "i1 i2", 2, 2, 2, BaselineNotReached, DisplayName = "equalling the baseline does not beat it")]
    [DataRow("Metric=ValidationAccuracy Patience=2 Baseline=0.6", "0.5 0.7 0.65 0.65", "i1 I0 m1 m2", 4, 2, 2, PatienceExhausted, DisplayName = "baseline when maximizing")]
    [DataRow("Patience=3 Baseline=0.5", "0.9 0.95 0.4", "i1 m2 I0", 3, 3, 3, MaxEpochsReached, DisplayName = "baseline beaten just before patience ran out")]
    [DataRow("Patience=1 Baseline=0.5", "0.9 0.4", "i1", 1, 1, 1, BaselineNotReached, DisplayName = "baseline with patience 1 can stop in epoch 1")]
    [DataRow("Patience=5 Baseline=0.5", "0.9 0.8", "i1 i2", 2, 2, 2, MaxEpochsReached, DisplayName = "baseline not reached when the epochs run out")]
    [DataRow("Patience=2 Baseline=1 MinDelta=0.1", "1.5 0.95 0.85", "i1 i2", 2, 2, 2, BaselineNotReached, DisplayName = "beating the baseline needs MinDelta too")]
    // Warm-up.
    [DataRow("Patience=2 StartFromEpoch=3", "0.1 0.2 0.3 5 6 7", "- - - I0 m1 m2", 6, 4, 4, PatienceExhausted, DisplayName = "warm-up epochs cannot become best")]
    [DataRow("Patience=2 StartFromEpoch=2", "nan 1 1.5 0.5", "- - I0 I0", 4, 4, 4, MaxEpochsReached, DisplayName = "a non-finite value in warm-up is not monitored")]
    [DataRow("StartFromEpoch=5", "1 2 3", "- - -", 3, null, 3, MaxEpochsReached, DisplayName = "a run inside warm-up has no best")]
    [DataRow("StartFromEpoch=1 StoppingThreshold=0.5 DivergenceThreshold=5", "9 0.4", "- I0", 2, 2, 2, StoppingThresholdReached, DisplayName = "thresholds are not checked in warm-up")]
    // Non-finite values.
    [DataRow("", "nan 1 0.5", "n0", 1, null, 1, NonFiniteMetric, DisplayName = "NaN in epoch 1 stops and is never best")]
    [DataRow("Patience=3 StopOnNonFiniteMetric=false", "nan 1 0.9", "n1 I0 I0", 3, 3, 3, MaxEpochsReached, DisplayName = "NaN in epoch 1 counted as a miss is never best")]
    [DataRow("Patience=1 StopOnNonFiniteMetric=false", "nan 1", "n1", 1, null, 1, PatienceExhausted, DisplayName = "NaN in epoch 1 as a miss exhausts patience 1")]
    [DataRow("Patience=5", "1 0.8 nan 0.5", "I0 I0 n0", 3, 2, 2, NonFiniteMetric, DisplayName = "NaN later stops at once and the best is restored")]
    [DataRow("Patience=2 StopOnNonFiniteMetric=false", "1 0.8 nan nan", "I0 I0 n1 n2", 4, 2, 2, PatienceExhausted, DisplayName = "NaN later counted as misses exhausts patience")]
    [DataRow("Patience=3 StopOnNonFiniteMetric=false", "1 nan 0.9 1", "I0 n1 I0 m1", 4, 3, 3, MaxEpochsReached, DisplayName = "NaN as a miss, then recovery")]
    [DataRow("", "1 inf", "I0 n0", 2, 1, 1, NonFiniteMetric, DisplayName = "+Inf stops")]
    [DataRow("", "1 -inf", "I0 n0", 2, 1, 1, NonFiniteMetric, DisplayName = "-Inf stops even though it looks like the best loss")]
    [DataRow("Metric=ValidationAccuracy", "0.5 inf", "I0 n0", 2, 1, 1, NonFiniteMetric, DisplayName = "+Inf stops when maximizing")]
    [DataRow("Patience=2 StopOnNonFiniteMetric=false", "1 -inf 2", "I0 n1 m2", 3, 1, 1, PatienceExhausted, DisplayName = "-Inf counted as a miss is never best")]
    [DataRow("Patience=3 StopOnNonFiniteMetric=false DivergenceThreshold=5", "1 inf 0.5", "I0 n1 I0", 3, 3, 3, MaxEpochsReached, DisplayName = "a non-finite miss is not compared with the divergence threshold")]
    [DataRow("Patience=3 StopOnNonFiniteMetric=false StoppingThreshold=0.1", "1 -inf 0.5", "I0 n1 I0", 3, 3, 3, MaxEpochsReached, DisplayName = "a non-finite miss is not compared with the stopping threshold")]
    // Thresholds.
    [DataRow("StoppingThreshold=0.5", "1 0.7 0.5 0.4", "I0 I0 I0", 3, 3, 3, StoppingThresholdReached, DisplayName = "stopping threshold is inclusive when minimizing")]
    [DataRow("Metric=ValidationAccuracy StoppingThreshold=0.9", "0.8 0.9 0.95", "I0 I0", 2, 2, 2, StoppingThresholdReached, DisplayName = "stopping threshold is inclusive when maximizing")]
    [DataRow("StoppingThreshold=0.5 MinDelta=0.1", "0.55 0.5", "I0 m1", 2, 1, 1, StoppingThresholdReached, DisplayName = "stopping threshold on an epoch that is not an improvement keeps the earlier best")]
    [DataRow("Patience=2 MinDelta=0.1 StoppingThreshold=0.5", "0.55 0.6 0.5", "I0 m1 m2", 3, 1, 1, StoppingThresholdReached, DisplayName = "stopping threshold wins over patience in the same epoch")]
    [DataRow("DivergenceThreshold=5", "1 5 5.5", "I0 m1 m2", 3, 1, 1, DivergenceThresholdExceeded, DisplayName = "divergence threshold is strict when minimizing")]
    [DataRow("DivergenceThreshold=5", "6 1", "I0", 1, 1, 1, DivergenceThresholdExceeded, DisplayName = "divergence in epoch 1")]
    [DataRow("Metric=ValidationAccuracy DivergenceThreshold=0.2", "0.5 0.2 0.1", "I0 m1 m2", 3, 1, 1, DivergenceThresholdExceeded, DisplayName = "divergence threshold is strict when maximizing")]
    [DataRow("Patience=2 DivergenceThreshold=5", "1 2 6", "I0 m1 m2", 3, 1, 1, DivergenceThresholdExceeded, DisplayName = "divergence wins over patience in the same epoch")]
    [DataRow("StoppingThreshold=0.1 DivergenceThreshold=10", "1 0.5 0.1", "I0 I0 I0", 3, 3, 3, StoppingThresholdReached, DisplayName = "both thresholds set, the goal is reached")]
    // Sparse validation.
    [DataRow("Patience=2", "1 _ 1.1 _ _ 1.2 0.5", "I0 - m1 - - m2", 6, 1, 1, PatienceExhausted, DisplayName = "epochs without a value are neither hits nor misses")]
    [DataRow("Patience=2", "_ _ 1 0.9", "- - I0 I0", 4, 4, 4, MaxEpochsReached, DisplayName = "no value in the first epochs")]
    [DataRow("Patience=2", "1 _ 0.9 _ 1 _", "I0 - I0 - m1 -", 6, 3, 3, MaxEpochsReached, DisplayName = "sparse validation with an improvement")]
    // Which weights are kept.
    [DataRow("", "1 0.5 0.7", "I0 I0 m1", 3, 2, 2, MaxEpochsReached, DisplayName = "best weights are restored when the epochs run out")]
    [DataRow("Patience=2 RestoreBestWeights=false", "1 1.1 1.2", "I0 m1 m2", 3, 1, 3, PatienceExhausted, DisplayName = "without restore the last weights are kept (patience)")]
    [DataRow("RestoreBestWeights=false", "1 0.5 0.7", "I0 I0 m1", 3, 2, 3, MaxEpochsReached, DisplayName = "without restore the last weights are kept (max epochs)")]
    [DataRow("RestoreBestWeights=false", "1 nan", "I0 n0", 2, 1, 2, NonFiniteMetric, DisplayName = "without restore the last weights are kept (non-finite)")]
    // Metrics and directions.
    [DataRow("Metric=TrainingLoss Patience=1", "1 0.5 0.6", "I0 I0 m1", 3, 2, 2, PatienceExhausted, DisplayName = "training loss is minimized")]
    [DataRow("Metric=ValidationAccuracy Direction=Maximize Patience=1", "0.5 0.4", "I0 m1", 2, 1, 1, PatienceExhausted, DisplayName = "explicit Maximize matching accuracy")]
    [DataRow("Direction=Minimize Patience=1", "0.5 0.6", "I0 m1", 2, 1, 1, PatienceExhausted, DisplayName = "explicit Minimize matching loss")]
    public void SequenceGivesExpectedOutcome(
        string options, string values, string expectedTrace, int expectedStopEpoch, int? expectedBestEpoch,
        int? expectedWeightsEpoch, EarlyStoppingReason expectedReason)
    {
        ScenarioResult result = EarlyStoppingScenario.Run(options, values);
        EarlyStoppingMonitor monitor = result.Monitor;

        Assert.AreEqual(expectedTrace, EarlyStoppingScenario.Trace(result.Verdicts), "per-epoch trace");
        Assert.AreEqual(expectedReason, monitor.StopReason, "stop reason");
        Assert.AreEqual(expectedStopEpoch, monitor.StoppedEpoch, "stopped epoch");
        Assert.AreEqual(expectedBestEpoch, monitor.BestEpoch, "best epoch");
        Assert.AreEqual(expectedWeightsEpoch, monitor.WeightsEpoch, "weights epoch");
        Assert.IsTrue(monitor.ShouldStop, "a finished run reports ShouldStop");
        Assert.IsFalse(string.IsNullOrWhiteSpace(monitor.StopMessage), "every stop explains itself");
    }

    [TestMethod]
    [DataRow("Patience=3", "1 0.9 0.95 0.8 0.85 0.85 0.85")]
    [DataRow("Patience=2 StopOnNonFiniteMetric=false MinDelta=0.05", "nan 1 0.97 0.9 nan 0.2")]
    [DataRow("Metric=ValidationAccuracy Patience=2 Baseline=0.6 StartFromEpoch=1", "0.9 0.5 0.55 0.7 0.7")]
    [DataRow("Patience=2 RestoreBestWeights=false", "1 0.5 0.7 0.8")]
    public void VerdictsAgreeWithMonitorAndAskForSnapshotsOnImprovementsOnly(string options, string values)
    {
        EarlyStoppingOptions parsed = EarlyStoppingScenario.ParseOptions(options);
        double?[] sequence = EarlyStoppingScenario.ParseValues(values);
        var monitor = new EarlyStoppingMonitor(parsed);
        int? lastSnapshot = null;

        for (int epoch = 1; epoch <= sequence.Length && !monitor.ShouldStop; epoch++)
        {
            EarlyStoppingVerdict verdict = monitor.Update(epoch, sequence[epoch - 1]);

            Assert.AreEqual(epoch, verdict.Epoch);
            Assert.AreEqual(sequence[epoch - 1], verdict.Value);
            Assert.AreEqual(monitor.BestEpoch, verdict.BestEpoch);
            Assert.AreEqual(monitor.BestValue, verdict.BestValue);
            Assert.AreEqual(monitor.EpochsWithoutImprovement, verdict.EpochsWithoutImprovement);
            Assert.AreEqual(monitor.BaselineReached, verdict.BaselineReached);
            Assert.AreEqual(monitor.ShouldStop, verdict.ShouldStop);
            Assert.AreEqual(monitor.StopReason, verdict.Reason);
            Assert.AreEqual(verdict.IsImprovement && parsed.RestoreBestWeights, verdict.ShouldSnapshotWeights, $"snapshot flag at epoch {epoch}");
            Assert.AreEqual(verdict.ShouldStop, verdict.Message is not null, $"a message exactly when stopping, epoch {epoch}");
            if (verdict.IsImprovement)
            {
                Assert.AreEqual(epoch, verdict.BestEpoch, "an improvement makes its epoch the best");
                Assert.IsTrue(verdict.IsMonitored, "only monitored epochs can improve");
            }

            if (verdict.ShouldSnapshotWeights)
            {
                lastSnapshot = epoch;
            }
        }

        if (parsed.RestoreBestWeights)
        {
            Assert.AreEqual(monitor.BestEpoch, lastSnapshot, "the last snapshot is the best epoch's");
        }
        else
        {
            Assert.IsNull(lastSnapshot, "no snapshots are needed when best weights are not restored");
        }
    }
}
