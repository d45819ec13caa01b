using System.Globalization;
using System.Text;
using Microsoft.ML.EarlyStopping.Training;

namespace CifarDemo.Output;

/// <summary>Writes the per-epoch history as CSV (invariant culture, one row per epoch), replacing the file atomically.</summary>
internal static class MetricsCsv
{
    public const string Header =
        "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds,images_per_second,improved,epochs_without_improvement";

    public static string Format(IEnumerable<EpochMetrics> history)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (EpochMetrics m in history)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{m.Epoch},{m.TrainingLoss:R},{m.TrainingAccuracy:R},{Optional(m.ValidationLoss)},{Optional(m.ValidationAccuracy)},{m.LearningRate:R},")
                .Append(CultureInfo.InvariantCulture, $"{m.Duration.TotalSeconds:F3},{m.ImagesPerSecond:F1},")
                .Append(m.EarlyStopping is { } v ? (v.IsImprovement ? "true" : "false") : "")
                .Append(',')
                .Append(m.EarlyStopping is { } w ? w.EpochsWithoutImprovement.ToString(CultureInfo.InvariantCulture) : "")
                .Append('\n');
        }
        return text.ToString();
    }

    public static void Write(string path, IEnumerable<EpochMetrics> history)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, Format(history));
        File.Move(temporary, path, overwrite: true);
    }

    private static string Optional(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
