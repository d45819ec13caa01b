namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>Where a sink stands at the end of a run or a sync.</summary>
public enum SinkStatus
{
    /// <summary>Every event was delivered (or, for refused batches, set aside in the dead-letter file).</summary>
    Complete,

    /// <summary>The destination was unreachable; the undelivered events are in the spool for <see cref="TrackingSync"/>.</summary>
    Unavailable,

    /// <summary>The sink could not work at all (for example bad credentials) and was switched off; the undelivered events are in the spool.</summary>
    Disabled,

    /// <summary>The shutdown time ran out before everything was delivered; the rest is in the spool.</summary>
    TimedOut,
}
