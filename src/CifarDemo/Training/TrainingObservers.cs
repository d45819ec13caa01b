using CifarDemo.Output;
using CifarDemo.View;
using Microsoft.ML.EarlyStopping.Training;

namespace CifarDemo.Training;

/// <summary>
/// The one place that decides who hears about training progress: the live progress bar, the epoch rows on the console
/// and metrics.csv (rewritten after every epoch, so it survives a crash). Experiment trackers attach here too once the
/// library's tracking API exists.
/// </summary>
internal sealed class TrainingObservers
{
    private readonly List<EpochMetrics> _history = [];
    private readonly TrainingView _view;
    private readonly string _metricsCsv;
    private readonly int? _patience;

    public TrainingObservers(TrainingView view, string metricsCsv, int? patience)
    {
        _view = view;
        _metricsCsv = metricsCsv;
        _patience = patience;
    }

    /// <summary>The epochs finished so far.</summary>
    public IReadOnlyList<EpochMetrics> History => _history;

    public void Attach(CifarCnnTrainer.Options options, TrainingProgress progress)
    {
        options.BatchEnded = progress.Batch;
        options.EpochEnded = metrics =>
        {
            _history.Add(metrics);
            progress.EpochEnded();
            _view.ShowEpoch(EpochRow.From(metrics, _patience));
            MetricsCsv.Write(_metricsCsv, _history);
        };
    }
}
