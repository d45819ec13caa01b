namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>What one training epoch measured, published to <see cref="CifarCnnTrainer.Options.EpochEnded"/> and kept in the training summary.</summary>
public sealed record EpochMetrics
{
    /// <summary>The epoch, 1-based.</summary>
    public required int Epoch { get; init; }

    /// <summary>The epoch budget (<see cref="CifarCnnTrainer.Options.MaxEpochs"/>).</summary>
    public required int MaxEpochs { get; init; }

    /// <summary>Mean cross-entropy over every training image of the epoch (each batch weighted by its size), in training mode and with label smoothing if configured.</summary>
    public required double TrainingLoss { get; init; }

    /// <summary>Fraction of training images (augmented, in training mode) whose top class was right during the epoch.</summary>
    public required double TrainingAccuracy { get; init; }

    /// <summary>Mean cross-entropy (no label smoothing) over the whole validation set in evaluation mode after the epoch; null without validation data.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Fraction of the whole validation set classified right after the epoch; null without validation data.</summary>
    public double? ValidationAccuracy { get; init; }

    /// <summary>The learning rate of the epoch's last optimisation step.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Wall-clock time of the epoch, training and validation included.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Training images per second over the epoch's training phase.</summary>
    public required double ImagesPerSecond { get; init; }

    /// <summary>Number of training images seen this epoch.</summary>
    public required int TrainingImages { get; init; }

    /// <summary>The early-stopping verdict for this epoch; null when early stopping is off.</summary>
    public EarlyStoppingVerdict? EarlyStopping { get; init; }
}
