namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>The names of the per-epoch metrics in <see cref="EpochEndedEvent.Metrics"/>, used as-is as Neptune paths, MLflow keys and TensorBoard tags.</summary>
public static class TrackingMetricNames
{
    /// <summary>Mean training loss of the epoch.</summary>
    public const string TrainingLoss = "train/loss";

    /// <summary>Training accuracy of the epoch.</summary>
    public const string TrainingAccuracy = "train/accuracy";

    /// <summary>Validation loss after the epoch.</summary>
    public const string ValidationLoss = "validation/loss";

    /// <summary>Validation accuracy after the epoch.</summary>
    public const string ValidationAccuracy = "validation/accuracy";

    /// <summary>Learning rate of the epoch's last step.</summary>
    public const string LearningRate = "learning_rate";

    /// <summary>Wall-clock seconds of the epoch.</summary>
    public const string EpochSeconds = "epoch/seconds";

    /// <summary>Training images per second.</summary>
    public const string ImagesPerSecond = "epoch/images_per_second";

    /// <summary>1 when the epoch improved the monitored metric, else 0 (only with early stopping).</summary>
    public const string Improved = "early_stopping/improved";

    /// <summary>Consecutive epochs without improvement (only with early stopping).</summary>
    public const string EpochsWithoutImprovement = "early_stopping/epochs_without_improvement";

    /// <summary>Best epoch so far (only with early stopping, once there is one).</summary>
    public const string BestEpoch = "early_stopping/best_epoch";

    /// <summary>Best monitored value so far (only with early stopping, once there is one).</summary>
    public const string BestValue = "early_stopping/best_value";

    /// <summary>The per-epoch names in the order files list them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TrainingLoss, TrainingAccuracy, ValidationLoss, ValidationAccuracy, LearningRate, EpochSeconds, ImagesPerSecond,
        Improved, EpochsWithoutImprovement, BestEpoch, BestValue,
    ];
}
