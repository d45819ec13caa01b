namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>
/// Uploads what a run's sinks have not acknowledged yet, from the spool, to the same remote runs (the spool header holds the
/// run key, each sink's state file its progress). Safe to run again, or after a crash mid-upload: it resumes after the last
/// acknowledged event, and remote runs are found by the run key rather than created anew.
/// </summary>
public static class TrackingSync
{
    /// <summary>Delivers the spool of <paramref name="runFolder"/> to <paramref name="sinks"/> (which it disposes) and reports what each took.</summary>
    /// <param name="runFolder">A run folder written by a <see cref="MetricsTracker"/>.</param>
    /// <param name="sinks">The sinks to deliver to, named as during the run (for example <see cref="TrackingSinks.RemoteFromEnvironment()"/>).</param>
    /// <param name="options">Options; null = defaults.</param>
    /// <param name="cancellationToken">Stops the sync; what is left stays in the spool.</param>
    /// <exception cref="FileNotFoundException">The folder has no spool.</exception>
    /// <exception cref="InvalidDataException">The spool or a state file is damaged; the message names it.</exception>
    /// <exception cref="IOException">Another tracker or sync is using the folder.</exception>
    public static async Task<TrackingReport> SyncAsync(string runFolder, IEnumerable<ITrackingSink> sinks, TrackingSyncOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        ArgumentNullException.ThrowIfNull(sinks);
        options ??= new TrackingSyncOptions();
        List<ITrackingSink> list = [.. sinks];
        try
        {
            return await SyncCoreAsync(runFolder, list, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (ITrackingSink sink in list)
            {
                try
                {
                    await sink.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Log(options, $"{sink.Name}: failed to close ({ex.GetType().Name}: {ex.Message}).");
                }
            }
        }
    }

    private static async Task<TrackingReport> SyncCoreAsync(string runFolder, List<ITrackingSink> sinks, TrackingSyncOptions options, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ITrackingSink sink in sinks)
        {
            TrackingPaths.CheckSinkName(sink.Name);
            if (!names.Add(sink.Name))
                throw new ArgumentException($"Two tracking sinks are named '{sink.Name}'.", nameof(sinks));
        }
        var paths = new TrackingPaths(runFolder);
        using RunFolderLock folderLock = RunFolderLock.Acquire(paths);
        SpoolContents contents = EventSpool.Read(paths.Spool);
        if (contents.TornTail)
            Log(options, $"the spool's last line was cut off (the process died while writing it); it is ignored.");
        List<TrackingEvent> events = [.. contents.Events];
        if (events.Count == 0)
            return new TrackingReport { RunFolder = paths.RunFolder, RunKey = contents.Header.RunKey, EventsSpooled = 0, Sinks = [] };
        if (options.EndUnfinishedRunAs is RunEndState end && events[^1] is not RunEndedEvent)
        {
            using EventSpool spool = EventSpool.OpenForAppend(paths.Spool, contents);
            var (line, ended) = EventSpool.Serialize(new RunEndedEvent { State = end, Timestamp = DateTimeOffset.UtcNow, Sequence = events[^1].Sequence + 1 });
            spool.Append(ended.Sequence, line);
            spool.Flush();
            events.Add(ended);
        }

        var run = (RunStartedEvent)events[0];
        Action<string> log = message => Log(options, message);
        var workers = new List<SinkWorker>();
        foreach (ITrackingSink sink in sinks)
        {
            SinkState state = SinkState.Load(paths.State(sink.Name), sink.Name, contents.Header.RunKey);
            // Retry "unavailable" within the sync only after its whole time budget: one pass per sync.
            var worker = new SinkWorker(sink, paths, state, log, TimeSpan.FromDays(1));
            worker.SetRun(run);
            worker.Restore(events.TakeWhile(e => e.Sequence <= state.Acknowledged));
            foreach (TrackingEvent e in events.Where(e => e.Sequence > state.Acknowledged))
                worker.Post(e);
            worker.Complete();
            workers.Add(worker);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(timeout.Token), CancellationToken.None))).ConfigureAwait(false);
        var report = new TrackingReport
        {
            RunFolder = paths.RunFolder,
            RunKey = contents.Header.RunKey,
            EventsSpooled = events.Count,
            Sinks = [.. workers.Select(w => w.Report(timeout.IsCancellationRequested))],
        };
        Log(options, report.Describe());
        return report;
    }

    private static void Log(TrackingSyncOptions options, string message)
    {
        string line = SecretRedactor.Redact("[tracking sync] " + message);
        if (options.Log != null)
            options.Log(line);
        else
            Console.Error.WriteLine(line);
    }
}
