using System.Globalization;
using System.Text;

namespace Microsoft.ML.EarlyStopping.Tracking.Sinks;

/// <summary>Prints one summary line per epoch, and the outcome and evaluation, to a text writer (standard output by default).</summary>
public sealed class ConsoleMetricsSink : ITrackingSink
{
    private readonly TextWriter _writer;

    /// <summary>Creates the sink.</summary>
    /// <param name="writer">Where lines go; null = <see cref="Console.Out"/>.</param>
    public ConsoleMetricsSink(TextWriter? writer = null)
    {
        _writer = writer ?? Console.Out;
    }

    /// <inheritdoc />
    public string Name => "console";

    /// <inheritdoc />
    public Task WriteAsync(TrackingBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (TrackingEvent e in batch.Events)
        {
            string? line = Format(e);
            if (line != null)
                _writer.WriteLine(SecretRedactor.Redact(line));
        }
        _writer.Flush();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal static string? Format(TrackingEvent e)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        switch (e)
        {
            case RunStartedEvent run:
                return string.Create(inv, $"run {run.RunName} ({run.RunKey})");
            case EpochEndedEvent epoch:
                var text = new StringBuilder();
                IReadOnlyDictionary<string, double> m = epoch.Metrics;
                text.Append(inv, $"epoch {epoch.Epoch}/{epoch.MaxEpochs}");
                if (m.TryGetValue(TrackingMetricNames.TrainingLoss, out double tl))
                    text.Append(inv, $"  train loss {tl:F4}");
                if (m.TryGetValue(TrackingMetricNames.TrainingAccuracy, out double ta))
                    text.Append(inv, $" acc {ta:P2}");
                if (m.TryGetValue(TrackingMetricNames.ValidationLoss, out double vl))
                    text.Append(inv, $"  val loss {vl:F4}");
                if (m.TryGetValue(TrackingMetricNames.ValidationAccuracy, out double va))
                    text.Append(inv, $" acc {va:P2}");
                if (m.TryGetValue(TrackingMetricNames.LearningRate, out double lr))
                    text.Append(inv, $"  lr {lr:G4}");
                if (m.TryGetValue(TrackingMetricNames.EpochSeconds, out double s))
                    text.Append(inv, $"  {s:F1} s");
                if (m.TryGetValue(TrackingMetricNames.Improved, out double improved))
                    text.Append(improved > 0 ? "  improved" : string.Create(inv, $"  {m.GetValueOrDefault(TrackingMetricNames.EpochsWithoutImprovement):0} without improvement"));
                return text.ToString();
            case TrainingOutcomeEvent outcome:
                return string.Create(inv, $"training {outcome.State}: {outcome.Outcome ?? outcome.Error ?? "no summary"}");
            case EvaluationEvent evaluation:
                return string.Create(inv, $"evaluation {evaluation.Name}: {string.Join(", ", evaluation.Metrics.Select(p => string.Create(inv, $"{p.Key} {p.Value:G6}")))}");
            default:
                return null;
        }
    }
}
