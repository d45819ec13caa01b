using System.Globalization;
using CifarDemo.Evaluation;
using Spectre.Console;

namespace CifarDemo.View;

/// <summary>Renders the top classes of each image.</summary>
internal sealed class PredictionView
{
    private readonly IAnsiConsole _console;

    public PredictionView(IAnsiConsole console)
    {
        _console = console;
    }

    public void Show(Prediction prediction)
    {
        if (prediction.Error is not null)
        {
            _console.MarkupLine($"[red]error:[/] {Markup.Escape(prediction.Error)}");
            return;
        }
        _console.MarkupLine($"[bold]{Markup.Escape(prediction.ImagePath)}[/]");
        for (int i = 0; i < prediction.Top.Count; i++)
        {
            ClassProbability c = prediction.Top[i];
            string line = string.Create(CultureInfo.InvariantCulture, $"  {i + 1}. {c.ClassName,-12} {c.Probability,7:P1}");
            _console.MarkupLine(i == 0 ? $"[green]{Markup.Escape(line)}[/]" : Markup.Escape(line));
        }
    }
}
