namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>What a <see cref="TrackingSinkException"/> means for the events of the failed batch.</summary>
public enum TrackingFailureKind
{
    /// <summary>The destination cannot be reached now (network error, timeout, 408, 429, 503 after retries): the events stay in the spool and are tried again later or by <see cref="TrackingSync"/>.</summary>
    Unavailable,

    /// <summary>The destination refused this batch (it keeps failing): the batch is set aside in the sink's dead-letter file and delivery goes on with the next.</summary>
    Rejected,

    /// <summary>The sink cannot work at all (bad credentials, no such project): it is switched off for the rest of the run; the events stay in the spool for a later sync.</summary>
    Fatal,
}
