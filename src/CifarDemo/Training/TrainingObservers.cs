using CifarDemo.View;
using Microsoft.ML.EarlyStopping.Training;

namespace CifarDemo.Training;

/// <summary>
/// The one place that decides who hears about training progress: the live progress bar, the epoch rows on the console,
/// and the experiment tracker (metrics.csv, metrics.jsonl, TensorBoard, MLflow and Neptune; see <see cref="RunTracking"/>).
/// </summary>
internal sealed class TrainingObservers
{
    private readonly List<EpochMetrics> _history = [];
    private readonly TrainingView _view;
    private readonly RunTracking _tracking;
    private readonly int? _patience;

    public TrainingObservers(TrainingView view, RunTracking tracking, int? patience)
    {
        _view = view;
        _tracking = tracking;
        _patience = patience;
    }

    /// <summary>The epochs finished so far.</summary>
    public IReadOnlyList<EpochMetrics> History => _history;

    public void Attach(CifarCnnTrainer.Options options, TrainingProgress progress)
    {
        options.BatchEnded = progress.Batch;
        options.Observer = _tracking.Tracker;
        options.EpochEnded = metrics =>
        {
            _history.Add(metrics);
            progress.EpochEnded();
            _view.ShowEpoch(EpochRow.From(metrics, _patience));
        };
    }
}
