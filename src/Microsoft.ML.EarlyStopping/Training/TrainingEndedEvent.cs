namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>What <see cref="ITrainingObserver.OnTrainingEnded"/> receives.</summary>
public sealed record TrainingEndedEvent
{
    /// <summary>How the fit ended.</summary>
    public required TrainingEndState State { get; init; }

    /// <summary>The training summary (history, stop reason, best epoch, kept weights); null when the fit failed or was cancelled before training produced one.</summary>
    public CifarCnnTrainingSummary? Summary { get; init; }

    /// <summary>The exception that ended a failed or cancelled fit; null when it finished.</summary>
    public Exception? Error { get; init; }

    /// <summary>When the fit ended.</summary>
    public required DateTimeOffset EndTime { get; init; }
}
