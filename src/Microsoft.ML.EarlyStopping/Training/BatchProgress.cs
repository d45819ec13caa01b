namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>Where training stands after one mini-batch, published to <see cref="CifarCnnTrainer.Options.BatchEnded"/> (for progress bars).</summary>
public sealed record BatchProgress
{
    /// <summary>The epoch, 1-based.</summary>
    public required int Epoch { get; init; }

    /// <summary>The epoch budget (<see cref="CifarCnnTrainer.Options.MaxEpochs"/>).</summary>
    public required int MaxEpochs { get; init; }

    /// <summary>The batch just finished, 1-based within the epoch.</summary>
    public required int Batch { get; init; }

    /// <summary>Number of batches in every epoch.</summary>
    public required int BatchesPerEpoch { get; init; }

    /// <summary>Training images processed so far in this epoch.</summary>
    public required int Images { get; init; }

    /// <summary>Training images in every epoch.</summary>
    public required int ImagesPerEpoch { get; init; }

    /// <summary>Mean training loss over the epoch's batches so far (each weighted by its size).</summary>
    public required double TrainingLoss { get; init; }

    /// <summary>Time since the epoch's training phase began.</summary>
    public required TimeSpan Elapsed { get; init; }
}
