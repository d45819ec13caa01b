using System.Globalization;
using Spectre.Console;

namespace CifarDemo.View;

/// <summary>The fixed-width epoch table the console prints one line at a time.</summary>
internal static class EpochLineFormat
{
    public static string Header(bool hasValidation) =>
        $"{"epoch",7} {"train loss",10} {"train acc",9}" + (hasValidation ? $" {"val loss",9} {"val acc",8}" : "") + $" {"lr",9} {"time",7}";

    /// <summary>The line for <paramref name="row"/> as Spectre markup (values are numbers, so nothing needs escaping but the marker).</summary>
    public static string Line(EpochRow row, bool hasValidation)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        string epoch = string.Create(inv, $"{row.Epoch}/{row.MaxEpochs}");
        string text = string.Create(inv, $"{epoch,7} {row.TrainingLoss,10:F4} {row.TrainingAccuracy,9:P2}");
        if (hasValidation)
            text += string.Create(inv, $" {Optional(row.ValidationLoss, "F4"),9} {Optional(row.ValidationAccuracy, "P2"),8}");
        text += string.Create(inv, $" {row.LearningRate,9:G3} {Seconds(row.Duration),7}");
        return Markup.Escape(text) + Marker(row);
    }

    /// <summary>The improvement marker and patience counter, e.g. "★ improved" or "3/10 without improvement".</summary>
    public static string Marker(EpochRow row) => row switch
    {
        { Improved: true } => "  [green]* improved[/]",
        { EpochsWithoutImprovement: int misses, Patience: int patience } =>
            string.Create(CultureInfo.InvariantCulture, $"  [{(misses * 2 >= patience ? "yellow" : "grey")}]{misses}/{patience} without improvement[/]"),
        _ => "",
    };

    private static string Optional(double? value, string format) =>
        value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds < 100
            ? duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + "s"
            : duration.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
