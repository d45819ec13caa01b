namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>
/// A destination for a run's events: a tracking server, a file, the console. A sink is fed by the tracker's background
/// consumer (never by the training thread), one batch at a time, in spool order; each sink has its own worker, so a slow or
/// dead sink holds up neither training nor the other sinks.
/// </summary>
/// <remarks>
/// <para>Delivery is at least once: after a crash or an outage, events not yet acknowledged are offered again (live, or by
/// <see cref="TrackingSync"/>). Make replays harmless: find the remote run by <see cref="TrackingBatch.Run"/>'s
/// <see cref="RunStartedEvent.RunKey"/> rather than creating a new one, and resend the same values with the same steps and timestamps.</para>
/// <para>Throw <see cref="TrackingSinkException"/> to say what went wrong (the sink is unavailable, the batch was refused, or
/// the sink cannot work at all); any other exception counts as a refused batch, which is set aside in the dead-letter file.</para>
/// </remarks>
public interface ITrackingSink : IAsyncDisposable
{
    /// <summary>A short, stable name (letters, digits, '-', '_'): it names the sink's acknowledgement state file, so it must not change between a run and its sync.</summary>
    string Name { get; }

    /// <summary>Delivers <paramref name="batch"/>. Returning normally acknowledges every event in it.</summary>
    /// <param name="batch">The events, and the means to report progress, dropped points and the remote run.</param>
    /// <param name="cancellationToken">Cancelled when the tracker's shutdown time is up: stop promptly, the events stay in the spool.</param>
    Task WriteAsync(TrackingBatch batch, CancellationToken cancellationToken);
}
