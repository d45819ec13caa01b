using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

/// <summary>The Airbench recipe end to end on a few hundred real CIFAR-10 images: it learns, and the saved model scores what validation measured.</summary>
[TestClass]
public sealed class AirbenchTrainingTests
{
    private static CifarCnnTrainer.Options SmallAirbench(int maxEpochs) => new()
    {
        Architecture = CifarArchitecture.Airbench,

        MaxEpochs = maxEpochs,
        BatchSize = 50,
        // The recipe's per-example rate is tuned for ~10 epochs of 45,000 images; a thousand images need a higher rate
        // to get anywhere in a few dozen steps.
        LearningRate = 0.3,
        NetworkWidth = 16,
        Seed = 3,
        ValidationSet = MiniCifar.Validation,
        EarlyStopping = new EarlyStoppingOptions { Metric = EarlyStoppingMetric.ValidationAccuracy },
    };

    [TestMethod]
    public void LearnsAndTheModelScoresExactlyWhatValidationMeasured()
    {
        var ml = new MLContext(seed: 1);
        CifarCnnTransformer model = ml.MulticlassClassification.Trainers.CifarCnn(SmallAirbench(maxEpochs: 8)).Fit(MiniCifar.Train);

        CifarCnnTrainingSummary summary = model.TrainingSummary;
        
        Assert.HasCount(8, summary.History);
        Assert.IsTrue(summary.History[^1].TrainingLoss < summary.History[0].TrainingLoss,
            $"training loss should fall: {string.Join(", ", summary.History.Select(h => h.TrainingLoss.ToString("F4")))}");
        double kept = summary.History[summary.WeightsEpoch - 1].ValidationAccuracy!.Value;
        Assert.IsGreaterThan(2.0 / MiniCifar.ClassNames.Count, kept, "twice chance on held-out images");

        // The exported model includes the flip averaging, so ML.NET's evaluation reproduces the trainer's number.
        MulticlassClassificationMetrics metrics = ml.MulticlassClassification.Evaluate(model.Transform(MiniCifar.Validation));
        long rows = MiniCifar.Validation.GetColumn<uint>("Label").LongCount();
        Assert.AreEqual(kept, metrics.MicroAccuracy, 1.0 / rows + 1e-9, "at most one image may flip on float rounding between libtorch and ONNX Runtime");
    }

    [TestMethod]
    public void WithoutTestTimeFlipTheModelStillMatchesValidation()
    {
        var ml = new MLContext(seed: 1);
        CifarCnnTrainer.Options options = SmallAirbench(maxEpochs: 2);
        options.TestTimeFlip = false;
        options.Lookahead = false;
        CifarCnnTransformer model = ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(MiniCifar.Train);

        double kept = model.TrainingSummary.History[model.TrainingSummary.WeightsEpoch - 1].ValidationAccuracy!.Value;
        MulticlassClassificationMetrics metrics = ml.MulticlassClassification.Evaluate(model.Transform(MiniCifar.Validation));
        long rows = MiniCifar.Validation.GetColumn<uint>("Label").LongCount();
        Assert.AreEqual(kept, metrics.MicroAccuracy, 1.0 / rows + 1e-9);
    }
}
