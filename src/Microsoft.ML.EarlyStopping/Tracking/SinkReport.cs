namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>What one sink did during a run or a sync.</summary>
public sealed record SinkReport
{
    /// <summary>The sink's name.</summary>
    public required string Name { get; init; }

    /// <summary>Where the sink stands.</summary>
    public required SinkStatus Status { get; init; }

    /// <summary>Events delivered (acknowledged) during this run or sync.</summary>
    public required long EventsDelivered { get; init; }

    /// <summary>Events still waiting in the spool for this sink: run <see cref="TrackingSync"/> to deliver them.</summary>
    public required long EventsPending { get; init; }

    /// <summary>Events set aside in the sink's dead-letter file because their batch kept failing.</summary>
    public required long EventsDeadLettered { get; init; }

    /// <summary>Metric points that did not reach the destination, by reason (only reasons that occurred).</summary>
    public required IReadOnlyDictionary<PointDropReason, long> PointsDropped { get; init; }

    /// <summary>The remote run's id, when the sink has one.</summary>
    public string? RemoteRunId { get; init; }

    /// <summary>The remote run's web address, when known.</summary>
    public string? RemoteRunUrl { get; init; }

    /// <summary>The last error, secrets redacted; null when there was none.</summary>
    public string? LastError { get; init; }

    /// <summary>Total dropped points over all reasons.</summary>
    public long TotalPointsDropped => PointsDropped.Values.Sum();
}
