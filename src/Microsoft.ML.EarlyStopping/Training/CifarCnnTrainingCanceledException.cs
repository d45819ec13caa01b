namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// Thrown by <see cref="CifarCnnTrainer.Fit"/> when training was cancelled (ML.NET's convention is an
/// <see cref="OperationCanceledException"/>). It carries the model with the best weights so far, when at least one
/// epoch completed, so that an interrupted run can still be saved.
/// </summary>
public sealed class CifarCnnTrainingCanceledException : OperationCanceledException
{
    internal CifarCnnTrainingCanceledException(string message, CifarCnnTransformer? model, CancellationToken token)
        : base(message, token)
    {
        Model = model;
    }

    /// <summary>The model with the kept weights; null when cancellation came before the first epoch ended.</summary>
    public CifarCnnTransformer? Model { get; }
}
