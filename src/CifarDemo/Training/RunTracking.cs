using System.Collections.Concurrent;
using CifarDemo.View;
using CifarDemo.Evaluation;
using Microsoft.ML.EarlyStopping.Tracking;

namespace CifarDemo.Training;

/// <summary>
/// The run's experiment tracking: metrics.csv, metrics.jsonl and TensorBoard events in the run folder, plus MLflow and
/// Neptune when their environment variables are set (docs/tracking.md). Warnings from the sinks' background work are
/// held until training ends, so they never break the live progress display.
/// </summary>
internal sealed class RunTracking : IDisposable
{
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly TrainingView _view;
    private readonly string _runFolder;

    public RunTracking(TrainingView view, string runFolder)
    {
        _view = view;
        _runFolder = runFolder;
        Tracker = new MetricsTracker(new MetricsTrackerOptions
        {
            RunFolder = runFolder,
            RunName = Path.GetFileName(runFolder),
            Sinks = [.. TrackingSinks.FromEnvironment(runFolder)],
            Log = _warnings.Enqueue,
        });
    }

    public MetricsTracker Tracker { get; }

    public void LogTest(EvaluationResult result) => Tracker.LogEvaluation("test", new Dictionary<string, double>
    {
        ["accuracy"] = result.Accuracy,
        ["macro_accuracy"] = result.MacroAccuracy,
        ["log_loss"] = result.LogLoss,
    });

    /// <summary>Ends the tracked run (waiting a bounded time for remote servers) and says where everything went.</summary>
    public void Complete()
    {
        TrackingReport report = Tracker.CompleteAsync().GetAwaiter().GetResult();
        // The tracker also logs its report when something is pending; it is shown below once, not twice.
        ShowWarnings(except: "[tracking] " + report.Describe());
        foreach (string line in report.Describe().Split('\n'))
            _view.ShowNote(line.TrimEnd());
        if (report.HasPendingEvents)
        {
            _view.ShowWarning(
                "some tracker events were not delivered; they are kept in the run folder. Upload them later with: " +
                $"dotnet run --project src/CifarDemo -c Release -- sync \"{_runFolder}\"");
        }
    }

    public void ShowWarnings(string? except = null)
    {
        // One line per distinct message: a server that is down says so once, not once per epoch.
        foreach (string warning in Drain().Distinct().Where(w => w != except))
            _view.ShowWarning(warning);
    }

    public void Dispose() => Tracker.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private IEnumerable<string> Drain()
    {
        while (_warnings.TryDequeue(out string? warning))
            yield return warning;
    }
}
