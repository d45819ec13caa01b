using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

/// <summary>Trains on a few hundred real CIFAR-10 images for a few epochs through the public API.</summary>
[TestClass]
public sealed class CifarCnnTrainerTests
{
    private static CifarCnnTrainer.Options SmallFastResNet(int maxEpochs) => new()
    {
        Architecture = CifarArchitecture.FastResNet,
        NetworkWidth = 8,
        MaxEpochs = maxEpochs,
        BatchSize = 50,
        Seed = 11,
    };

    [TestMethod]
    public void TrainingLossGoesDown()
    {
        var ml = new MLContext(seed: 1);
        CifarCnnTrainer.Options options = SmallFastResNet(maxEpochs: 4);
        options.EarlyStopping = null;
        options.ValidationFraction = 0;
        options.LearningRateSchedule = LearningRateScheduleKind.Constant;
        options.Augment = false;

        CifarCnnTransformer model = ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(MiniCifar.Train);

        IReadOnlyList<EpochMetrics> history = model.TrainingSummary.History;
        Assert.HasCount(4, history);
        Assert.IsTrue(history[^1].TrainingLoss < history[0].TrainingLoss - 0.05,
            $"training loss should fall: {string.Join(", ", history.Select(h => h.TrainingLoss.ToString("F4")))}");
        Assert.IsTrue(history.All(h => h.ValidationLoss is null), "no validation data was asked for");
        Assert.AreEqual(EarlyStoppingReason.MaxEpochsReached, model.TrainingSummary.StopReason);
        Assert.AreEqual(4, model.TrainingSummary.WeightsEpoch);
        Assert.IsNull(model.TrainingSummary.StoppedEpoch, "using the whole budget is not an early stop");
    }

    [TestMethod]
    public void EarlyStoppingOnAForcedPlateauRestoresTheBestEpochsWeights()
    {
        var ml = new MLContext(seed: 1);
        CifarCnnTrainer.Options options = SmallFastResNet(maxEpochs: 10);
        options.ValidationSet = MiniCifar.Validation;
        // No later epoch can beat the first by 100, so epoch 1 stays best and patience 2 stops training at epoch 3.
        options.EarlyStopping = new EarlyStoppingOptions { Patience = 2, MinDelta = 100 };
        var seen = new List<EpochMetrics>();
        options.EpochEnded = seen.Add;

        CifarCnnTransformer model = ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(MiniCifar.Train);

        CifarCnnTrainingSummary summary = model.TrainingSummary;
        Assert.AreEqual(EarlyStoppingReason.PatienceExhausted, summary.StopReason);
        Assert.AreEqual(3, summary.StoppedEpoch);
        Assert.AreEqual(1, summary.BestEpoch);
        Assert.AreEqual(1, summary.WeightsEpoch);
        CollectionAssert.AreEqual(summary.History.ToList(), seen, "the callback saw every epoch, in order");
        Assert.IsTrue(seen[0].EarlyStopping!.IsImprovement);
        Assert.AreEqual(2, seen[2].EarlyStopping!.EpochsWithoutImprovement);

        double best = summary.History[0].ValidationLoss!.Value;
        double last = summary.History[2].ValidationLoss!.Value;
        Assert.IsTrue(Math.Abs(best - last) > 1e-3, $"the test needs epochs 1 and 3 to differ (got {best} and {last})");
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(MiniCifar.Validation));
        Assert.AreEqual(best, metrics.LogLoss, 1e-4, "the returned model must score like epoch 1, the best one");
    }

    [TestMethod]
    public void EvaluateGivesSaneMetricsAndClassNames()
    {
        var ml = new MLContext(seed: 1);
        CifarCnnTrainer.Options options = SmallFastResNet(maxEpochs: 3);
        options.ValidationSet = MiniCifar.Validation;

        CifarCnnTransformer model = ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(MiniCifar.Train);
        IDataView scored = model.Transform(MiniCifar.Validation);
        MulticlassClassificationMetrics metrics = ml.MulticlassClassification.Evaluate(scored);

        Assert.IsTrue(metrics.MicroAccuracy is >= 0 and <= 1);
        Assert.IsTrue(metrics.MacroAccuracy is >= 0 and <= 1);
        Assert.IsTrue(double.IsFinite(metrics.LogLoss) && metrics.LogLoss > 0);
        Assert.AreEqual(model.TrainingSummary.History[^1].ValidationAccuracy!.Value, metrics.MicroAccuracy, 0.0101,
            "Evaluate and the trainer's validation pass must agree (to one image of 100, for float ties) on the last epoch's weights");
        string table = metrics.ConfusionMatrix.GetFormattedConfusionTable();
        foreach (string name in MiniCifar.ClassNames)
            StringAssert.Contains(table, name, "the confusion table names every class");
        CollectionAssert.AreEqual(MiniCifar.ClassNames.ToList(), model.ClassNames.ToList());

        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        scored.Schema["Score"].GetSlotNames(ref slotNames);
        CollectionAssert.AreEqual(MiniCifar.ClassNames.ToList(), slotNames.DenseValues().Select(n => n.ToString()).ToList());
    }

    [TestMethod]
    public void ASecondFitStartsFromFreshStateAndReproducesTheFirst()
    {
        var ml = new MLContext(seed: 1);
        CifarCnnTrainer.Options options = SmallFastResNet(maxEpochs: 2);
        options.ValidationSet = MiniCifar.Validation;
        CifarCnnTrainer trainer = ml.MulticlassClassification.Trainers.CifarCnn(options);

        CifarCnnTrainingSummary first = trainer.Fit(MiniCifar.Train).TrainingSummary;
        CifarCnnTrainingSummary second = trainer.Fit(MiniCifar.Train).TrainingSummary;

        Assert.HasCount(2, second.History);
        Assert.AreEqual(EarlyStoppingReason.MaxEpochsReached, first.StopReason);
        Assert.IsNull(first.StoppedEpoch, "early stopping on but the budget ran out: no stop epoch");
        for (int i = 0; i < 2; i++)
        {
            Assert.AreEqual(first.History[i].TrainingLoss, second.History[i].TrainingLoss, $"epoch {i + 1} training loss");
            Assert.AreEqual(first.History[i].ValidationLoss, second.History[i].ValidationLoss, $"epoch {i + 1} validation loss");
        }
        Assert.IsTrue(second.History[0].EarlyStopping!.IsImprovement, "epoch 1 of a new fit is an improvement: no best value carried over");
    }

    [TestMethod]
    public void CancellingStopsAfterTheCurrentBatchAndCarriesTheModel()
    {
        var ml = new MLContext(seed: 1);
        using var cancel = new CancellationTokenSource();
        CifarCnnTrainer.Options options = SmallFastResNet(maxEpochs: 10);
        options.ValidationSet = MiniCifar.Validation;
        options.CancellationToken = cancel.Token;
        options.EpochEnded = m =>
        {
            if (m.Epoch == 2)
                cancel.Cancel();
        };

        var error = Assert.ThrowsExactly<CifarCnnTrainingCanceledException>(() => ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(MiniCifar.Train));

        Assert.IsNotNull(error.Model);
        Assert.AreEqual(EarlyStoppingReason.Cancelled, error.Model.TrainingSummary.StopReason);
        Assert.HasCount(2, error.Model.TrainingSummary.History);
        Assert.IsNotNull(error.Model.TrainingSummary.BestEpoch);
        Assert.AreEqual(error.Model.TrainingSummary.BestEpoch, error.Model.TrainingSummary.WeightsEpoch);
        var metrics = ml.MulticlassClassification.Evaluate(error.Model.Transform(MiniCifar.Validation));
        Assert.IsTrue(metrics.MicroAccuracy >= 0);
    }
}
