using System.Globalization;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>Formats one epoch as a single log line.</summary>
internal static class EpochLogLine
{
    public static string Format(EpochMetrics m, int? patience)
    {
        var text = new System.Text.StringBuilder();
        CultureInfo inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"Epoch {m.Epoch}/{m.MaxEpochs}: train loss {m.TrainingLoss:F4} acc {m.TrainingAccuracy:P2}");
        if (m.ValidationLoss is double vl && m.ValidationAccuracy is double va)
            text.Append(inv, $", validation loss {vl:F4} acc {va:P2}");
        text.Append(inv, $", lr {m.LearningRate:G4}, {m.Duration.TotalSeconds:F1} s ({m.ImagesPerSecond:F0} img/s)");
        if (m.EarlyStopping is EarlyStoppingVerdict v && patience is int p)
        {
            text.Append(v.IsImprovement ? ", improved" : string.Create(inv, $", {v.EpochsWithoutImprovement}/{p} without improvement"));
            if (v.ShouldStop)
                text.Append(inv, $"; stopping: {v.Reason}");
        }
        return text.ToString();
    }
}
