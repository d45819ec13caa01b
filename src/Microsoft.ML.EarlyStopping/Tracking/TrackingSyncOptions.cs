namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>Options of <see cref="TrackingSync.SyncAsync(string, IEnumerable{ITrackingSink}, TrackingSyncOptions?, CancellationToken)"/>.</summary>
public sealed class TrackingSyncOptions
{
    /// <summary>
    /// When the spool has no run-ended event (the process died before closing the run), append one with this state before
    /// delivering, so that remote runs stop showing as running. Default null: leave the run open.
    /// </summary>
    public RunEndState? EndUnfinishedRunAs { get; set; }

    /// <summary>How long the sync may take; when it runs out, what is left stays in the spool for the next sync. Default 10 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Receives warnings and the report (secrets redacted). Default: standard error.</summary>
    public Action<string>? Log { get; set; }
}
