namespace Microsoft.ML.EarlyStopping.Tests.EarlyStopping;

/// <summary>Defaults and validation of <see cref="EarlyStoppingOptions"/>: bad settings fail at construction, naming the option.</summary>
[TestClass]
public sealed class EarlyStoppingOptionsTests
{
    [TestMethod]
    public void DefaultsAreTheDocumentedOnes()
    {
        var options = new EarlyStoppingOptions();

        Assert.AreEqual(EarlyStoppingMetric.ValidationLoss, options.Metric);
        Assert.AreEqual(MetricDirection.Auto, options.Direction);
        Assert.AreEqual(10, options.Patience);
        Assert.AreEqual(0d, options.MinDelta);
        Assert.AreEqual(MinDeltaMode.Absolute, options.MinDeltaMode);
        Assert.IsNull(options.Baseline);
        Assert.AreEqual(0, options.StartFromEpoch);
        Assert.IsTrue(options.RestoreBestWeights);
        Assert.IsTrue(options.StopOnNonFiniteMetric);
        Assert.IsNull(options.StoppingThreshold);
        Assert.IsNull(options.DivergenceThreshold);
    }

    [TestMethod]
    public void DefaultsAreValid()
    {
        new EarlyStoppingOptions().Validate();
        var monitor = new EarlyStoppingMonitor(new EarlyStoppingOptions());

        Assert.AreEqual(EarlyStoppingReason.None, monitor.StopReason);
    }

    [TestMethod]
    [DataRow("Patience=0", "Patience")]
    [DataRow("Patience=-3", "Patience")]
    [DataRow("MinDelta=-0.01", "MinDelta")]
    [DataRow("MinDelta=nan", "MinDelta")]
    [DataRow("MinDelta=inf", "MinDelta")]
    [DataRow("StartFromEpoch=-1", "StartFromEpoch")]
    [DataRow("Baseline=nan", "Baseline")]
    [DataRow("Baseline=-inf", "Baseline")]
    [DataRow("StoppingThreshold=inf", "StoppingThreshold")]
    [DataRow("DivergenceThreshold=nan", "DivergenceThreshold")]
    [DataRow("Metric=42", "Metric")]
    [DataRow("Direction=9", "Direction")]
    [DataRow("MinDeltaMode=-1", "MinDeltaMode")]
    public void OutOfRangeOptionIsRejectedAtConstructionNamingIt(string options, string optionName)
    {
        EarlyStoppingOptions parsed = EarlyStoppingScenario.ParseOptions(options);

        ArgumentOutOfRangeException fromMonitor = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new EarlyStoppingMonitor(parsed));
        ArgumentOutOfRangeException fromValidate = Assert.ThrowsExactly<ArgumentOutOfRangeException>(parsed.Validate);

        Assert.AreEqual(optionName, fromMonitor.ParamName);
        Assert.Contains($"EarlyStoppingOptions.{optionName}", fromMonitor.Message);
        Assert.AreEqual(fromMonitor.Message, fromValidate.Message);
    }

    [TestMethod]
    [DataRow("Direction=Maximize", "Direction")]
    [DataRow("Metric=TrainingLoss Direction=Maximize", "Direction")]
    [DataRow("Metric=ValidationAccuracy Direction=Minimize", "Direction")]
    [DataRow("StoppingThreshold=0.5 DivergenceThreshold=0.5", "DivergenceThreshold")]
    [DataRow("StoppingThreshold=0.5 DivergenceThreshold=0.1", "DivergenceThreshold")]
    [DataRow("Metric=ValidationAccuracy StoppingThreshold=0.5 DivergenceThreshold=0.9", "DivergenceThreshold")]
    public void InconsistentOptionsAreRejectedAtConstructionNamingThem(string options, string optionName)
    {
        EarlyStoppingOptions parsed = EarlyStoppingScenario.ParseOptions(options);

        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(() => new EarlyStoppingMonitor(parsed));

        Assert.AreEqual(optionName, error.ParamName);
        Assert.Contains($"EarlyStoppingOptions.{optionName}", error.Message);
    }

    [TestMethod]
    [DataRow("Patience=1 MinDelta=0 StartFromEpoch=0")]
    [DataRow("Baseline=-5 StoppingThreshold=-10 DivergenceThreshold=100")]
    [DataRow("Metric=ValidationAccuracy Direction=Maximize StoppingThreshold=0.99 DivergenceThreshold=0.1")]
    [DataRow("MinDelta=2 MinDeltaMode=Relative")]
    public void BoundaryOptionsAreAccepted(string options)
    {
        EarlyStoppingOptions parsed = EarlyStoppingScenario.ParseOptions(options);

        parsed.Validate();
        var monitor = new EarlyStoppingMonitor(parsed);

        Assert.AreEqual(parsed.Patience, monitor.Options.Patience);
    }

    [TestMethod]
    public void NullOptionsAreRejected()
    {
        ArgumentNullException error = Assert.ThrowsExactly<ArgumentNullException>(() => new EarlyStoppingMonitor(null!));

        Assert.AreEqual("options", error.ParamName);
    }

    [TestMethod]
    public void CloneCopiesEverySettableProperty()
    {
        EarlyStoppingOptions original = EarlyStoppingScenario.ParseOptions(
            "Metric=ValidationAccuracy Direction=Maximize Patience=7 MinDelta=0.25 MinDeltaMode=Relative Baseline=0.5 " +
            "StartFromEpoch=3 RestoreBestWeights=false StopOnNonFiniteMetric=false StoppingThreshold=0.9 DivergenceThreshold=0.1");

        EarlyStoppingOptions copy = original.Clone();

        Assert.AreNotSame(original, copy);
        foreach (var property in typeof(EarlyStoppingOptions).GetProperties().Where(p => p.CanWrite))
        {
            Assert.AreEqual(property.GetValue(original), property.GetValue(copy), property.Name);
            Assert.AreNotEqual(property.GetValue(new EarlyStoppingOptions()), property.GetValue(copy), $"{property.Name} should differ from its default in this test");
        }
    }
}
