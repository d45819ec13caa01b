using Microsoft.ML.Runtime;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// Shields training from its observer: every call is caught, and the first failure is logged as a warning (later ones
/// are counted silently) so that a broken tracker never costs a training run.
/// </summary>
internal sealed class SafeTrainingObserver
{
    private readonly ITrainingObserver _observer;
    private readonly IChannel _channel;
    private int _failures;

    private SafeTrainingObserver(ITrainingObserver observer, IChannel channel)
    {
        _observer = observer;
        _channel = channel;
    }

    /// <summary>Wraps <paramref name="observer"/>, or returns null when there is none.</summary>
    public static SafeTrainingObserver? Wrap(ITrainingObserver? observer, IChannel channel) =>
        observer == null ? null : new SafeTrainingObserver(observer, channel);

    public void OnTrainingStarted(TrainingStartedEvent started) => Call(() => _observer.OnTrainingStarted(started), nameof(OnTrainingStarted));

    public void OnEpochEnded(EpochMetrics metrics) => Call(() => _observer.OnEpochEnded(metrics), nameof(OnEpochEnded));

    public void OnTrainingEnded(TrainingEndedEvent ended) => Call(() => _observer.OnTrainingEnded(ended), nameof(OnTrainingEnded));

    private void Call(Action call, string what)
    {
        try
        {
            call();
        }
        catch (Exception ex)
        {
            if (Interlocked.Increment(ref _failures) == 1)
            {
                // Type and message only: a stack trace adds nothing for the user and the observer is not our code to debug here.
                _channel.Warning(MessageSensitivity.None,
                    $"The training observer {_observer.GetType().Name} threw in {what} ({ex.GetType().Name}: {ex.Message}); training goes on and later observer errors are not logged.");
            }
        }
    }
}
