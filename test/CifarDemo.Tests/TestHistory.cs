using Microsoft.ML.EarlyStopping.Training;

namespace CifarDemo.Tests;

/// <summary>Made-up epoch records for the rendering tests (the trainer's verdicts cannot be built outside the library, so these have none).</summary>
internal static class TestHistory
{
    public static EpochMetrics Epoch(int epoch, double trainLoss, double? validationLoss, int maxEpochs = 10) => new()
    {
        Epoch = epoch,
        MaxEpochs = maxEpochs,
        TrainingLoss = trainLoss,
        TrainingAccuracy = 0.1 * epoch,
        ValidationLoss = validationLoss,
        ValidationAccuracy = validationLoss is null ? null : 0.08 * epoch,
        LearningRate = 0.01,
        Duration = TimeSpan.FromSeconds(2.5),
        ImagesPerSecond = 400,
        TrainingImages = 1000,
    };
}
