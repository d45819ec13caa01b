namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>Options of <see cref="MetricsTracker"/>.</summary>
public sealed class MetricsTrackerOptions
{
    /// <summary>The run's folder (created if missing). Tracking keeps its spool and state in its <c>tracking</c> sub-folder; file sinks write beside it. Required.</summary>
    public string RunFolder { get; set; } = "";

    /// <summary>The run's name as trackers show it. Default: the run folder's name.</summary>
    public string? RunName { get; set; }

    /// <summary>Tags of the run. Default none.</summary>
    public IList<string> Tags { get; set; } = [];

    /// <summary>
    /// Where events go, each fed independently (see <see cref="TrackingSinks"/> for the built-in ones and
    /// <see cref="TrackingSinks.FromEnvironment(string, bool)"/> for the usual set). The tracker disposes them. Default none
    /// (events are still spooled, so a later <see cref="TrackingSync"/> can deliver them).
    /// </summary>
    public IList<ITrackingSink> Sinks { get; set; } = [];

    /// <summary>
    /// How long closing the tracker may wait for the sinks to deliver what is left. When it runs out, undelivered events stay
    /// in the spool for <see cref="TrackingSync"/> and the tracker returns. Default 15 seconds.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a sink that was unavailable rests before it is tried again with everything that piled up. Default 30 seconds.</summary>
    public TimeSpan RetryUnavailableAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Receives warnings and the end-of-run report (secrets redacted). Default: standard error.</summary>
    public Action<string>? Log { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(RunFolder))
            throw new ArgumentException("MetricsTrackerOptions.RunFolder must name the run's folder.", nameof(RunFolder));
        if (ShutdownTimeout < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ShutdownTimeout), ShutdownTimeout, "MetricsTrackerOptions.ShutdownTimeout must be zero or positive.");
        if (RetryUnavailableAfter <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(RetryUnavailableAfter), RetryUnavailableAfter, "MetricsTrackerOptions.RetryUnavailableAfter must be positive.");
        ArgumentNullException.ThrowIfNull(Tags, nameof(Tags));
        ArgumentNullException.ThrowIfNull(Sinks, nameof(Sinks));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ITrackingSink sink in Sinks)
        {
            ArgumentNullException.ThrowIfNull(sink, nameof(Sinks));
            TrackingPaths.CheckSinkName(sink.Name);
            if (!names.Add(sink.Name))
                throw new ArgumentException($"Two tracking sinks are named '{sink.Name}'; sink names must be unique (they name the state files).", nameof(Sinks));
        }
    }
}
