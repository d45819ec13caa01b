namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>How a fit ended, as reported to <see cref="ITrainingObserver.OnTrainingEnded"/>.</summary>
public enum TrainingEndState
{
    /// <summary>Training ran to its end (budget used up or early stopping) and returned a model.</summary>
    Finished,

    /// <summary>Training threw an exception other than cancellation.</summary>
    Failed,

    /// <summary>Training was cancelled; <c>Fit</c> threw <see cref="CifarCnnTrainingCanceledException"/> or another <see cref="OperationCanceledException"/>.</summary>
    Canceled,
}
