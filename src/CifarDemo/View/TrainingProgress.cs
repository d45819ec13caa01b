using System.Globalization;
using Microsoft.ML.EarlyStopping.Training;
using Spectre.Console;

namespace CifarDemo.View;

/// <summary>
/// The live progress bar of the epoch in progress (images/s, ETA, running loss). It is drawn only on an interactive
/// terminal; elsewhere (redirected output, tests) the epoch rows alone report progress.
/// </summary>
internal sealed class TrainingProgress
{
    private readonly ProgressContext? _context;
    private ProgressTask? _task;
    private int _taskEpoch;
    private volatile bool _stopping;

    private TrainingProgress(ProgressContext? context)
    {
        _context = context;
    }

    /// <summary>Runs <paramref name="body"/> (the training) with a progress display on <paramref name="console"/>.</summary>
    public static void Run(IAnsiConsole console, Action<TrainingProgress> body)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            body(new TrainingProgress(null));
            return;
        }
        console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ImagesPerSecondColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => body(new TrainingProgress(context)));
    }

    /// <summary>Shows an activity without a known length, such as reading the images into tensors before the first batch.</summary>
    public void Activity(string description)
    {
        if (_context is null)
            return;
        _task?.StopTask();
        _task = _context.AddTask(Markup.Escape(description));
        _task.IsIndeterminate = true;
        _taskEpoch = 0;
    }

    public void Batch(BatchProgress progress)
    {
        if (_context is null)
            return;
        if (_task is null || _taskEpoch != progress.Epoch)
        {
            _task?.StopTask();
            _task = _context.AddTask(Describe(progress), maxValue: progress.ImagesPerEpoch);
            _taskEpoch = progress.Epoch;
        }
        _task.Description = Describe(progress);
        _task.Value = progress.Images;
    }

    /// <summary>Called when an epoch has ended (its row is printed next); the validation pass runs before this.</summary>
    public void EpochEnded()
    {
        _task?.StopTask();
        _task = null;
    }

    /// <summary>Ctrl+C was pressed: say so on the bar until training stops.</summary>
    public void Stopping()
    {
        _stopping = true;
        if (_task is not null)
            _task.Description = "[yellow]stopping after this batch...[/]";
    }

    private string Describe(BatchProgress p) =>
        _stopping
            ? "[yellow]stopping after this batch...[/]"
            : string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.MaxEpochs} [grey]loss {p.TrainingLoss:F3}[/]");
}
