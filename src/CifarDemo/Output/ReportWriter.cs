using System.Globalization;
using System.Text;
using CifarDemo.Evaluation;
using CifarDemo.View;
using Microsoft.ML.EarlyStopping.Training;

namespace CifarDemo.Output;

/// <summary>Writes report.md: settings, data, the epoch history, the outcome, the test results and the pictures.</summary>
internal static class ReportWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(string path, RunReport report) => File.WriteAllText(path, Format(report));

    public static string Format(RunReport report)
    {
        var md = new StringBuilder();
        md.Append(Inv, $"# CIFAR-10 training run {report.RunName}\n\n");
        md.Append("## Outcome\n\n").Append(Escape(report.Outcome)).Append("\n\n");
        if (report.Cancelled)
            md.Append("The run was **cancelled** (Ctrl+C); the saved model holds the weights named above and was not tested.\n\n");
        if (report.Evaluation is EvaluationResult result)
            md.Append(Inv, $"Test accuracy **{result.Accuracy:P2}**, macro accuracy {result.MacroAccuracy:P2}, log-loss {result.LogLoss:F4} ({Escape(report.Plan.TestDescription)}).\n\n");
        md.Append(Inv, $"Total time: {TrainingView.Duration(report.TotalTime)}.\n\n");

        md.Append("## Data\n\n");
        md.Append("- source: ").Append(Escape(report.Plan.DataDescription)).Append('\n');
        md.Append("- classes: ").Append(Escape(string.Join(", ", report.Plan.ClassNames))).Append('\n');
        md.Append(Inv, $"- training: {report.Plan.TrainCount} images\n");
        md.Append("- validation: ").Append(report.Plan.ValidationCount > 0
            ? string.Create(Inv, $"{report.Plan.ValidationCount} images of the validation split")
            : string.Create(Inv, $"{report.Plan.ValidationFraction:0.##%} of the training images, held out by the trainer (stratified, seeded)")).Append('\n');
        md.Append("- test: ").Append(Escape(report.Plan.TestDescription)).Append("\n\n");

        md.Append("## Settings\n\n| setting | value |\n| --- | --- |\n");
        foreach ((string name, string value) in report.Plan.Settings)
            md.Append("| ").Append(Escape(name)).Append(" | ").Append(Escape(value)).Append(" |\n");
        md.Append('\n');

        md.Append("## History\n\n");
        md.Append("| epoch | train loss | train acc | val loss | val acc | learning rate | time (s) | early stopping |\n");
        md.Append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        foreach (EpochMetrics m in report.History)
        {
            md.Append(Inv, $"| {m.Epoch} | {m.TrainingLoss:F4} | {m.TrainingAccuracy:P2} | {Optional(m.ValidationLoss, "F4")} | {Optional(m.ValidationAccuracy, "P2")} | ")
              .Append(Inv, $"{m.LearningRate:G3} | {m.Duration.TotalSeconds:F1} | {Verdict(m)} |\n");
        }
        md.Append('\n');
        if (report.Files.Contains("loss.png"))
            md.Append("![Loss per epoch](loss.png)\n\n");
        if (report.Files.Contains("accuracy.png"))
            md.Append("![Accuracy per epoch](accuracy.png)\n\n");

        if (report.Evaluation is EvaluationResult evaluation)
            AppendEvaluation(md, evaluation, report.Files.Contains("confusion.png"));

        md.Append("## Files\n\n");
        foreach (string file in report.Files.Append("report.md").Distinct().Order(StringComparer.Ordinal))
            md.Append("- `").Append(file).Append("`\n");
        return md.ToString();
    }

    private static void AppendEvaluation(StringBuilder md, EvaluationResult result, bool hasPicture)
    {
        md.Append("## Test results\n\n");
        md.Append(Inv, $"| metric | value |\n| --- | ---: |\n| accuracy | {result.Accuracy:P2} |\n| macro accuracy | {result.MacroAccuracy:P2} |\n| log-loss | {result.LogLoss:F4} |\n| images | {result.Count} |\n\n");
        md.Append("| class | accuracy | images |\n| --- | ---: | ---: |\n");
        for (int i = 0; i < result.ClassNames.Count; i++)
            md.Append(Inv, $"| {Escape(result.ClassNames[i])} | {result.PerClassAccuracy[i]:P1} | {result.Confusion[i].Sum()} |\n");
        md.Append("\nConfusion matrix (rows: true class, columns: predicted class):\n\n");
        md.Append("| true \\ predicted | ").Append(string.Join(" | ", result.ClassNames.Select(Escape))).Append(" |\n");
        md.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", result.ClassNames.Count))).Append('\n');
        for (int actual = 0; actual < result.ClassNames.Count; actual++)
        {
            md.Append("| ").Append(Escape(result.ClassNames[actual])).Append(" | ")
              .Append(string.Join(" | ", result.Confusion[actual].Select(c => c.ToString(Inv)))).Append(" |\n");
        }
        md.Append('\n');
        if (hasPicture)
            md.Append("![Confusion matrix](confusion.png)\n\n");
    }

    private static string Verdict(EpochMetrics m) => m.EarlyStopping switch
    {
        { IsImprovement: true } => "improved",
        { IsMonitored: true } v => string.Create(Inv, $"{v.EpochsWithoutImprovement} without improvement"),
        _ => "",
    };

    private static string Optional(double? value, string format) => value is double v ? v.ToString(format, Inv) : "-";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
