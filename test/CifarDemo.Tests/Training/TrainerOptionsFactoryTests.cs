using CifarDemo.Cli;
using CifarDemo.Training;
using Microsoft.ML.EarlyStopping;
using Microsoft.ML.EarlyStopping.Training;

namespace CifarDemo.Tests.Training;

[TestClass]
public sealed class TrainerOptionsFactoryTests
{
    [TestMethod]
    public void NoOptionsKeepTheLibraryDefaults()
    {
        CifarCnnTrainer.Options options = TrainerOptionsFactory.Create(new TrainSettings(), validationSet: null);
        var defaults = new CifarCnnTrainer.Options();

        Assert.AreEqual(defaults.Architecture, options.Architecture);
        Assert.AreEqual(defaults.NetworkWidth, options.NetworkWidth);
        Assert.AreEqual(defaults.MaxEpochs, options.MaxEpochs);
        Assert.AreEqual(defaults.BatchSize, options.BatchSize);
        Assert.AreEqual(defaults.EarlyStopping!.Patience, options.EarlyStopping!.Patience);
        Assert.IsNull(options.LearningRate, "the recipe decides");
        Assert.IsNull(options.Augment, "the recipe decides");
        Assert.AreEqual(1, options.Seed);
    }

    [TestMethod]
    public void QuickShrinksTheRunAndExplicitValuesWin()
    {
        CifarCnnTrainer.Options quick = TrainerOptionsFactory.Create(new TrainSettings { Quick = true }, null);
        CifarCnnTrainer.Options wider = TrainerOptionsFactory.Create(new TrainSettings { Quick = true, Width = 12, MaxEpochs = 5 }, null);

        Assert.AreEqual(QuickProfile.NetworkWidth, quick.NetworkWidth);
        Assert.AreEqual(QuickProfile.MaxEpochs, quick.MaxEpochs);
        Assert.AreEqual(QuickProfile.BatchSize, quick.BatchSize);
        Assert.IsLessThan(10, quick.MaxEpochs!.Value, "quick trains fewer epochs than any recipe's default (Airbench's 10 is the smallest)");
        Assert.AreEqual(12, wider.NetworkWidth);
        Assert.AreEqual(5, wider.MaxEpochs);
    }

    [TestMethod]
    public void EveryTuningOptionReachesTheTrainer()
    {
        var settings = new TrainSettings
        {
            Architecture = CifarArchitecture.Seed, BatchSize = 64, LearningRate = 0.002, Optimizer = OptimizerKind.AdamW,
            Schedule = LearningRateScheduleKind.Cosine, WeightDecay = 0.01, LabelSmoothing = 0.05, NoAugment = true,
            ValidationFraction = 0.2, Threads = 2, Patience = 4, MinDelta = 0.001, Monitor = EarlyStoppingMetric.ValidationAccuracy,
            KeepLastWeights = true, Seed = 9,
        };

        CifarCnnTrainer.Options o = TrainerOptionsFactory.Create(settings, null);

        Assert.AreEqual(CifarArchitecture.Seed, o.Architecture);
        Assert.AreEqual(64, o.BatchSize);
        Assert.AreEqual(0.002, o.LearningRate);
        Assert.AreEqual(OptimizerKind.AdamW, o.Optimizer);
        Assert.AreEqual(LearningRateScheduleKind.Cosine, o.LearningRateSchedule);
        Assert.AreEqual(0.01, o.WeightDecay);
        Assert.AreEqual(0.05, o.LabelSmoothing);
        Assert.IsFalse(o.Augment);
        Assert.AreEqual(0.2, o.ValidationFraction);
        Assert.AreEqual(2, o.NumberOfThreads);
        Assert.AreEqual(4, o.EarlyStopping!.Patience);
        Assert.AreEqual(0.001, o.EarlyStopping.MinDelta);
        Assert.AreEqual(EarlyStoppingMetric.ValidationAccuracy, o.EarlyStopping.Metric);
        Assert.IsFalse(o.EarlyStopping.RestoreBestWeights);
        Assert.AreEqual(9, o.Seed);
    }

    [TestMethod]
    public void NoEarlyStoppingTurnsItOff() =>
        Assert.IsNull(TrainerOptionsFactory.Create(new TrainSettings { NoEarlyStopping = true }, null).EarlyStopping);

    [TestMethod]
    [DataRow(0, "--width")]
    [DataRow(-1, "--width")]
    public void ARejectedValueNamesTheCommandLineOption(int width, string option)
    {
        var error = Assert.ThrowsExactly<DemoUsageException>(() => TrainerOptionsFactory.Create(new TrainSettings { Width = width }, null));

        Assert.IsTrue(error.Message.StartsWith(option + ":", StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain("(Parameter", error.Message, "one clean sentence");
    }

    [TestMethod]
    public void MonitoringValidationWithoutValidationDataIsRefused()
    {
        var error = Assert.ThrowsExactly<DemoUsageException>(() => TrainerOptionsFactory.Create(new TrainSettings { ValidationFraction = 0 }, null));

        StringAssert.Contains(error.Message, "--monitor");
    }
}
