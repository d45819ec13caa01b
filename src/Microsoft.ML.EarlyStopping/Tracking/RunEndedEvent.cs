namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>The run is over; the last event of a run.</summary>
public sealed record RunEndedEvent : TrackingEvent
{
    /// <summary>The run's final state.</summary>
    public required RunEndState State { get; init; }
}
