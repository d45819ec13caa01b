using CifarDemo.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>The train verb (the default): see <see cref="TrainingRun"/>.</summary>
internal sealed class TrainCommand : Command<TrainSettings>
{
    private readonly IAnsiConsole _console;

    public TrainCommand(IAnsiConsole console)
    {
        _console = console;
    }

    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken) =>
        new TrainingRun(_console, settings).Execute(cancellationToken);
}
