namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>What an <see cref="ITrackingSink"/> receives: events to deliver, and the means to report what happened to them.</summary>
public sealed class TrackingBatch
{
    private readonly Action<string> _log;
    private readonly Dictionary<PointDropReason, long> _dropped = [];

    internal TrackingBatch(RunStartedEvent run, IReadOnlyList<TrackingEvent> events, string? remoteRunId, string? remoteRunUrl, Action<string> log)
    {
        Run = run;
        Events = events;
        RemoteRunId = remoteRunId;
        RemoteRunUrl = remoteRunUrl;
        _log = log;
    }

    /// <summary>The run's first event (identity, name, tags, parameters), also when it was delivered in an earlier batch or process.</summary>
    public RunStartedEvent Run { get; }

    /// <summary>The events to deliver, in spool order. Epoch events whose step did not increase were already removed (and counted).</summary>
    public IReadOnlyList<TrackingEvent> Events { get; }

    /// <summary>The remote run id this sink reported earlier for this run (kept in its state file), or null.</summary>
    public string? RemoteRunId { get; private set; }

    /// <summary>The remote run's web address as reported with <see cref="SetRemoteRun"/> (now or in an earlier process), or null.</summary>
    public string? RemoteRunUrl { get; private set; }

    internal long Acknowledged { get; private set; }

    internal IReadOnlyDictionary<PointDropReason, long> Dropped => _dropped;

    /// <summary>Records that every event up to <paramref name="sequence"/> has been delivered, before the whole batch is done (so a crash or failure resends less).</summary>
    public void Acknowledge(long sequence) => Acknowledged = Math.Max(Acknowledged, sequence);

    /// <summary>Counts <paramref name="points"/> metric points that will never reach the destination.</summary>
    public void CountDropped(PointDropReason reason, int points = 1)
    {
        if (points > 0)
            _dropped[reason] = _dropped.GetValueOrDefault(reason) + points;
    }

    /// <summary>Remembers the remote run (saved in the sink's state file, shown in the report).</summary>
    public void SetRemoteRun(string runId, string? url)
    {
        RemoteRunId = runId;
        RemoteRunUrl = url;
    }

    /// <summary>Logs a warning prefixed with the sink's name; secrets are redacted.</summary>
    public void Warn(string message) => _log(message);
}
