using System.Globalization;
using CifarDemo.Evaluation;
using Spectre.Console;

namespace CifarDemo.View;

/// <summary>Renders test metrics: accuracy, macro accuracy, log-loss, per-class accuracy and the confusion matrix with class names.</summary>
internal sealed class EvaluationView
{
    private readonly IAnsiConsole _console;

    public EvaluationView(IAnsiConsole console)
    {
        _console = console;
    }

    public void Show(EvaluationResult result, string testDescription)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        _console.WriteLine();
        _console.Write(new Rule("[bold]Test results[/]").LeftJustified());
        _console.MarkupLine($"[grey]{Markup.Escape(testDescription)}[/]");
        _console.MarkupLine(string.Create(inv,
            $"[bold]accuracy[/] {result.Accuracy:P2}   [bold]macro accuracy[/] {result.MacroAccuracy:P2}   [bold]log-loss[/] {result.LogLoss:F4}   ({result.Count} images)"));

        var perClass = new Table().Border(TableBorder.Simple).AddColumn("class").AddColumn(new TableColumn("accuracy").RightAligned())
            .AddColumn(new TableColumn("images").RightAligned());
        for (int i = 0; i < result.ClassNames.Count; i++)
        {
            perClass.AddRow(
                Markup.Escape(result.ClassNames[i]),
                result.PerClassAccuracy[i].ToString("P1", inv),
                result.Confusion[i].Sum().ToString(inv));
        }
        _console.Write(perClass);

        _console.MarkupLine("[bold]Confusion matrix[/] [grey](rows: true class, columns: predicted class)[/]");
        var matrix = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn("").NoWrap());
        bool fullNames = FitsFullNames(result.ClassNames, _console.Profile.Width);
        foreach (string name in result.ClassNames)
            matrix.AddColumn(new TableColumn(Markup.Escape(fullNames ? name : Abbreviate(name))).RightAligned().NoWrap().Padding(1, 0, 0, 0));
        for (int actual = 0; actual < result.ClassNames.Count; actual++)
        {
            var cells = new List<string> { Markup.Escape(result.ClassNames[actual]) };
            for (int predicted = 0; predicted < result.ClassNames.Count; predicted++)
            {
                string count = result.Confusion[actual][predicted].ToString(inv);
                cells.Add(actual == predicted ? $"[green]{count}[/]" : count == "0" ? "[grey]0[/]" : count);
            }
            matrix.AddRow(cells.ToArray());
        }
        _console.Write(matrix);
    }

    /// <summary>Column headings short enough for ten classes on an 80-column terminal.</summary>
    public static string Abbreviate(string name) => name.Length <= 4 ? name : name[..4];

    private static bool FitsFullNames(IReadOnlyList<string> names, int width)
    {
        int longest = names.Max(n => n.Length);
        // The first column and the table edges take the longest name plus 4; each other column its heading (or a 4-digit count), a space and a separator.
        return longest + 4 + names.Sum(n => Math.Max(n.Length, 4) + 2) <= width;
    }
}
