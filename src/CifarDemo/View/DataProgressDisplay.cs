using CifarDemo.Data;
using Spectre.Console;

namespace CifarDemo.View;

/// <summary>Shows download, extraction and loading progress on an interactive terminal; plain phase lines elsewhere.</summary>
internal static class DataProgressDisplay
{
    public static T Run<T>(IAnsiConsole console, Func<Action<DataProgress>, T> body)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            string? last = null;
            return body(p =>
            {
                if (p.Activity == last)
                    return;
                last = p.Activity;
                console.MarkupLine($"[grey]{Markup.Escape(p.Activity)}...[/]");
            });
        }

        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                return body(p =>
                {
                    string description = Markup.Escape(p.Activity);
                    if (task is null || task.Description != description)
                    {
                        task?.StopTask();
                        task = context.AddTask(description, maxValue: 1);
                    }
                    task.IsIndeterminate = p.Fraction is null;
                    if (p.Fraction is double fraction)
                        task.Value = fraction;
                });
            });
    }
}
