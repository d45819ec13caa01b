namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// Receives the life cycle of a <see cref="CifarCnnTrainer"/> fit: start, every epoch, end. Set it with
/// <see cref="CifarCnnTrainer.Options.Observer"/>. Every call comes on the training thread, so an implementation must
/// return quickly (the tracking sinks only enqueue). An exception thrown by an observer never reaches training: the
/// trainer logs the first one and goes on.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>Called once the data has been read, before the first epoch.</summary>
    /// <param name="started">The resolved options and the data's shape.</param>
    void OnTrainingStarted(TrainingStartedEvent started);

    /// <summary>Called after every completed epoch, with what it measured.</summary>
    /// <param name="metrics">The epoch's metrics and early-stopping verdict.</param>
    void OnEpochEnded(EpochMetrics metrics);

    /// <summary>Called once when the fit ends, whether it finished, failed or was cancelled.</summary>
    /// <param name="ended">How it ended, with the summary when training got that far.</param>
    void OnTrainingEnded(TrainingEndedEvent ended);
}
