namespace Microsoft.ML.EarlyStopping.Tests.EarlyStopping;

/// <summary>Every stop says why, with the numbers a user needs to act on it.</summary>
[TestClass]
public sealed class EarlyStoppingMessageTests
{
    [TestMethod]
    public void PatienceMessageNamesMetricPatienceAndBest()
    {
        ScenarioResult result = EarlyStoppingScenario.Run("Patience=3", "0.9 0.8123 0.9 0.9 0.9");

        string message = result.Monitor.StopMessage!;

        Assert.AreEqual(message, result.Verdicts[^1].Message);
        Assert.Contains("validation loss did not improve", message);
        Assert.Contains("3 consecutive", message);
        Assert.Contains("best 0.8123 at epoch 2", message);
        Assert.Contains("Patience", message);
        Assert.Contains("weights of epoch 2", message);
    }

    [TestMethod]
    public void PatienceMessageMentionsMinDelta()
    {
        string absolute = EarlyStoppingScenario.Run("Patience=1 MinDelta=0.05", "1 0.99").Monitor.StopMessage!;
        string relative = EarlyStoppingScenario.Run("Patience=1 MinDelta=0.05 MinDeltaMode=Relative", "1 0.99").Monitor.StopMessage!;

        Assert.Contains("by more than 0.05", absolute);
        Assert.Contains("by more than 5% of the best", relative);
    }

    [TestMethod]
    public void BaselineMessageNamesTheBaseline()
    {
        string message = EarlyStoppingScenario.Run("Metric=ValidationAccuracy Patience=2 Baseline=0.75", "0.6 0.7").Monitor.StopMessage!;

        Assert.Contains("validation accuracy", message);
        Assert.Contains("baseline 0.75", message);
        Assert.Contains("best 0.7 at epoch 2", message);
    }

    [TestMethod]
    [DataRow("nan", "NaN")]
    [DataRow("inf", "+Infinity")]
    [DataRow("-inf", "-Infinity")]
    public void NonFiniteMessageNamesTheValueAndTheSwitch(string value, string expectedText)
    {
        string message = EarlyStoppingScenario.Run("Metric=TrainingLoss", "1 " + value).Monitor.StopMessage!;

        Assert.Contains("training loss", message);
        Assert.Contains(expectedText, message);
        Assert.Contains("epoch 2", message);
        Assert.Contains("StopOnNonFiniteMetric", message);
        Assert.Contains("weights of epoch 1", message);
    }

    [TestMethod]
    public void NonFiniteMessageInTheFirstEpochSaysThereIsNoBest()
    {
        string message = EarlyStoppingScenario.Run("", "nan").Monitor.StopMessage!;

        Assert.Contains("no best", message);
        Assert.Contains("weights of epoch 1", message);
    }

    [TestMethod]
    public void ThresholdMessagesNameValueAndThreshold()
    {
        string goal = EarlyStoppingScenario.Run("Metric=ValidationAccuracy StoppingThreshold=0.9", "0.5 0.93").Monitor.StopMessage!;
        string diverged = EarlyStoppingScenario.Run("DivergenceThreshold=5", "1 7.5").Monitor.StopMessage!;

        Assert.Contains("0.93", goal);
        Assert.Contains("stopping threshold 0.9", goal);
        Assert.Contains("7.5", diverged);
        Assert.Contains("divergence threshold 5", diverged);
        Assert.Contains("weights of epoch 1", diverged);
    }

    [TestMethod]
    public void MaxEpochsMessageSaysWhetherTheMetricWasStillImproving()
    {
        string improving = EarlyStoppingScenario.Run("", "1 0.9 0.8").Monitor.StopMessage!;
        string plateaued = EarlyStoppingScenario.Run("", "1 0.9 0.95").Monitor.StopMessage!;
        string unmonitored = EarlyStoppingScenario.Run("StartFromEpoch=5", "1 0.9").Monitor.StopMessage!;

        Assert.Contains("all 3 epochs", improving);
        Assert.Contains("still improving", improving);
        Assert.DoesNotContain("still improving", plateaued);
        Assert.Contains("best validation loss 0.9 at epoch 2", plateaued);
        Assert.Contains("no validation loss value was monitored", unmonitored);
    }

    [TestMethod]
    public void NoRestoreMessageSaysTheLastWeightsAreKept()
    {
        string message = EarlyStoppingScenario.Run("Patience=1 RestoreBestWeights=false", "1 2").Monitor.StopMessage!;

        Assert.Contains("weights of epoch 2", message);
        Assert.Contains("RestoreBestWeights", message);
    }

    [TestMethod]
    public void EveryReasonHasItsOwnMessage()
    {
        string[] scenarios =
        [
            EarlyStoppingScenario.Run("", "1 0.5").Monitor.StopMessage!,
            EarlyStoppingScenario.Run("Patience=1", "1 2").Monitor.StopMessage!,
            EarlyStoppingScenario.Run("Patience=1 Baseline=0.1", "1").Monitor.StopMessage!,
            EarlyStoppingScenario.Run("", "1 nan").Monitor.StopMessage!,
            EarlyStoppingScenario.Run("StoppingThreshold=0.5", "1 0.5").Monitor.StopMessage!,
            EarlyStoppingScenario.Run("DivergenceThreshold=5", "1 6").Monitor.StopMessage!,
            CancelledMessage(),
        ];

        Assert.HasCount(scenarios.Length, scenarios.Distinct());
        foreach (string message in scenarios)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(message));
        }
    }

    [TestMethod]
    public void NumbersUseTheInvariantCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            string message = EarlyStoppingScenario.Run("Patience=1", "0.25 0.5").Monitor.StopMessage!;

            Assert.Contains("best 0.25 at epoch 1", message);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    private static string CancelledMessage()
    {
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());
        monitor.Update(1, 1.0);
        monitor.Cancel(2);
        return monitor.StopMessage!;
    }
}
