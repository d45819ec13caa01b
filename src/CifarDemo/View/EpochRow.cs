using Microsoft.ML.EarlyStopping.Training;

namespace CifarDemo.View;

/// <summary>What the console shows for one finished epoch.</summary>
internal sealed record EpochRow(
    int Epoch, int MaxEpochs, double TrainingLoss, double TrainingAccuracy, double? ValidationLoss, double? ValidationAccuracy,
    double LearningRate, TimeSpan Duration, double ImagesPerSecond, bool? Improved, int? EpochsWithoutImprovement, int? Patience)
{
    /// <param name="metrics">The trainer's record of the epoch.</param>
    /// <param name="patience">Early stopping's patience, or null when early stopping is off.</param>
    public static EpochRow From(EpochMetrics metrics, int? patience) => new(
        metrics.Epoch, metrics.MaxEpochs, metrics.TrainingLoss, metrics.TrainingAccuracy, metrics.ValidationLoss, metrics.ValidationAccuracy,
        metrics.LearningRate, metrics.Duration, metrics.ImagesPerSecond,
        metrics.EarlyStopping is { IsMonitored: true } v ? v.IsImprovement : null,
        metrics.EarlyStopping is { IsMonitored: true } w ? w.EpochsWithoutImprovement : null,
        patience);
}
