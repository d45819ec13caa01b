using Microsoft.ML.EarlyStopping.Tracking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>
/// The sync verb: uploads what a run's tracker spool holds and the remote trackers have not acknowledged, to the same
/// remote runs (never a second run), exactly once; trackers come from the same environment variables as in training.
/// </summary>
internal sealed class SyncCommand : Command<SyncSettings>
{
    private readonly IAnsiConsole _console;

    public SyncCommand(IAnsiConsole console)
    {
        _console = console;
    }

    public override int Execute(CommandContext context, SyncSettings settings, CancellationToken cancellationToken)
    {
        string folder = Path.GetFullPath(settings.RunFolder);
        if (!File.Exists(Path.Combine(folder, "tracking", "spool.jsonl")))
            throw new DemoUsageException($"'{settings.RunFolder}' is not a run folder with tracked events (no tracking/spool.jsonl in '{folder}').");

        var warnings = new List<string>();
        TrackingReport report = TrackingSync.SyncAsync(
            folder,
            TrackingSinks.ForSync(folder),
            new TrackingSyncOptions
            {
                // A run whose training process died never said how it ended; close it as killed rather than leave it running.
                EndUnfinishedRunAs = RunEndState.Killed,
                Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
                Log = warnings.Add,
            },
            cancellationToken).GetAwaiter().GetResult();

        foreach (string warning in warnings.Distinct())
            _console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        foreach (string line in report.Describe().Split('\n'))
            _console.MarkupLine($"[grey]{Markup.Escape(line.TrimEnd())}[/]");
        if (report.HasPendingEvents)
        {
            _console.MarkupLine("[yellow]Some events are still not delivered; run sync again when the tracker is reachable.[/]");
            return ExitCodes.Failure;
        }
        _console.MarkupLine("[green]Everything spooled for this run is delivered.[/]");
        return ExitCodes.Success;
    }
}
