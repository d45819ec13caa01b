namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>The run's identity and configuration; always the first event of a run.</summary>
public sealed record RunStartedEvent : TrackingEvent
{
    /// <summary>
    /// The run's idempotency key, created once per tracked run and kept in the spool header: remote sinks use it to find the
    /// run they already created (Neptune <c>customId</c>, an MLflow tag) instead of creating a second one on retry or sync.
    /// </summary>
    public required Guid RunKey { get; init; }

    /// <summary>Human-readable run name.</summary>
    public required string RunName { get; init; }

    /// <summary>Tags of the run.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Parameters (all resolved training options and a few facts about the data), as name/value strings.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}
