using System.Globalization;
using Spectre.Console;

namespace CifarDemo.View;

/// <summary>Renders a training run to the console from plain records, so what the user sees can be tested on a test console.</summary>
internal sealed class TrainingView
{
    private readonly IAnsiConsole _console;
    private bool _hasValidation = true;

    public TrainingView(IAnsiConsole console)
    {
        _console = console;
    }

    public void ShowPlan(RunPlan plan)
    {
        _console.Write(new Rule("[bold]CIFAR-10 CNN with early stopping[/]").LeftJustified());
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[grey]data[/]", Markup.Escape(plan.DataDescription));
        grid.AddRow("[grey]classes[/]", Markup.Escape(string.Join(", ", plan.ClassNames)));
        string validation = plan.ValidationCount > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{plan.ValidationCount} images of the validation split")
            : plan.ValidationFraction > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{plan.ValidationFraction:0.##%} of the training images, held out by the trainer (stratified, seeded)")
                : "none";
        grid.AddRow("[grey]training[/]", string.Create(CultureInfo.InvariantCulture, $"{plan.TrainCount} images"));
        grid.AddRow("[grey]validation[/]", Markup.Escape(validation));
        grid.AddRow("[grey]test[/]", Markup.Escape(plan.TestDescription));
        foreach ((string name, string value) in plan.Settings)
            grid.AddRow($"[grey]{Markup.Escape(name)}[/]", Markup.Escape(value));
        _console.Write(grid);
        _console.WriteLine();
    }

    public void ShowEpochHeader(bool hasValidation)
    {
        _hasValidation = hasValidation;
        _console.MarkupLine($"[bold]{Markup.Escape(EpochLineFormat.Header(hasValidation))}[/]");
    }

    public void ShowEpoch(EpochRow row) => _console.MarkupLine(EpochLineFormat.Line(row, _hasValidation));

    /// <summary>The line saying why training ended and which epoch's weights were kept.</summary>
    public void ShowOutcome(bool stoppedEarly, string outcome)
    {
        _console.WriteLine();
        _console.MarkupLine(stoppedEarly ? $"[yellow bold]Early stopping:[/] {Markup.Escape(outcome)}" : $"[bold]{Markup.Escape(outcome)}[/]");
    }

    public void ShowCancelled(string message) =>
        _console.MarkupLine($"[yellow bold]Cancelled:[/] {Markup.Escape(message)}");

    public void ShowNote(string message) => _console.MarkupLine($"[grey]{Markup.Escape(message)}[/]");

    public void ShowWarning(string message) => _console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");

    /// <summary>Where the files are and how long it all took.</summary>
    public void ShowFiles(string folder, IReadOnlyList<string> files, TimeSpan total)
    {
        _console.WriteLine();
        _console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold]Total time:[/] {Duration(total)}"));
        _console.MarkupLine($"[bold]Saved in[/] {Markup.Escape(folder)}: {Markup.Escape(string.Join(", ", files))}");
    }

    public static string Duration(TimeSpan time) =>
        time.TotalHours >= 1
            ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : time.TotalMinutes >= 1
                ? time.ToString(@"m\:ss", CultureInfo.InvariantCulture) + " min"
                : time.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
}
