namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>The metrics of one epoch, named as in <see cref="TrackingMetricNames"/>; the epoch is the step of every series.</summary>
public sealed record EpochEndedEvent : TrackingEvent
{
    /// <summary>The epoch, 1-based: the step of every value in <see cref="Metrics"/>.</summary>
    public required int Epoch { get; init; }

    /// <summary>The epoch budget.</summary>
    public int MaxEpochs { get; init; }

    /// <summary>Metric name → value. Values may be NaN or infinite; each sink applies its own policy to them.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }
}
