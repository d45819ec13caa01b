using System.Threading.Channels;

namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>
/// Feeds one sink from the spool, on its own task: batches whatever has arrived, removes non-increasing steps, and on
/// success saves the acknowledged sequence. An unavailable sink is retried after a pause with everything that piled up; a
/// refused batch goes to the dead-letter file; a fatal error switches the sink off. Nothing it does can reach the training thread.
/// </summary>
internal sealed class SinkWorker
{
    private readonly ITrackingSink _sink;
    private readonly TrackingPaths _paths;
    private readonly Action<string> _log;
    private readonly TimeSpan _retryUnavailableAfter;
    private readonly Channel<TrackingEvent> _inbox = Channel.CreateUnbounded<TrackingEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly List<TrackingEvent> _pending = [];
    private readonly Dictionary<PointDropReason, long> _dropped = [];
    private SinkState _state;
    private StepGuard _guard = new();
    private RunStartedEvent? _run;
    private DateTimeOffset? _retryAt;
    private bool _unavailable, _disabled, _stateSaveFailed;
    private long _lastSeen, _delivered, _deadLettered;
    private string? _lastError;

    public SinkWorker(ITrackingSink sink, TrackingPaths paths, SinkState state, Action<string> log, TimeSpan retryUnavailableAfter)
    {
        _sink = sink;
        _paths = paths;
        _state = state;
        _log = message => log($"{sink.Name}: {message}");
        _retryUnavailableAfter = retryUnavailableAfter;
        _lastSeen = state.Acknowledged;
    }

    public string Name => _sink.Name;

    public ITrackingSink Sink => _sink;

    /// <summary>Replays events the sink already acknowledged (in an earlier process) so that step filtering and the run identity carry over.</summary>
    public void Restore(IEnumerable<TrackingEvent> acknowledged)
    {
        List<TrackingEvent> list = [.. acknowledged];
        _run ??= list.OfType<RunStartedEvent>().FirstOrDefault();
        _guard = _guard.Filter(list).Next;
    }

    /// <summary>Sets the run identity when the acknowledged part of the spool (which holds it) is not replayed.</summary>
    public void SetRun(RunStartedEvent run) => _run ??= run;

    public void Post(TrackingEvent e) => _inbox.Writer.TryWrite(e);

    public void Complete() => _inbox.Writer.TryComplete();

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                bool completed = Drain();
                bool canSend = _pending.Count > 0 && !_disabled && _run != null;
                bool due = _retryAt == null || DateTimeOffset.UtcNow >= _retryAt;
                if (canSend && due)
                {
                    await DeliverAsync(stop).ConfigureAwait(false);
                    continue;
                }
                // Once no more events will come, an unavailable sink is not waited for: what is left stays in the spool for a sync.
                if (completed)
                    break;
                Task<bool> arrival = _inbox.Reader.WaitToReadAsync(stop).AsTask();
                if (canSend && _retryAt is DateTimeOffset at)
                {
                    TimeSpan wait = at - DateTimeOffset.UtcNow;
                    if (wait > TimeSpan.Zero)
                        await Task.WhenAny(arrival, Task.Delay(wait, stop)).ConfigureAwait(false);
                }
                else
                {
                    await arrival.ConfigureAwait(false);
                }
                stop.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutdown time is up: what is not acknowledged stays in the spool.
        }
        catch (Exception ex)
        {
            // A bug here must not surface anywhere near training; the events are safe in the spool.
            _lastError = SecretRedactor.Redact($"{ex.GetType().Name}: {ex.Message}");
            _log($"stopped unexpectedly ({_lastError}); undelivered events stay in the spool.");
        }
    }

    public SinkReport Report(bool timedOut)
    {
        Drain();
        long pending = Math.Max(0, _lastSeen - _state.Acknowledged);
        SinkStatus status = pending == 0 ? SinkStatus.Complete
            : _disabled ? SinkStatus.Disabled
            : _unavailable ? SinkStatus.Unavailable
            : timedOut ? SinkStatus.TimedOut
            : SinkStatus.Unavailable;
        return new SinkReport
        {
            Name = _sink.Name,
            Status = status,
            EventsDelivered = _delivered,
            EventsPending = pending,
            EventsDeadLettered = _deadLettered,
            PointsDropped = new Dictionary<PointDropReason, long>(_dropped),
            RemoteRunId = _state.RemoteRunId,
            RemoteRunUrl = _state.RemoteRunUrl,
            LastError = _lastError,
        };
    }

    private bool Drain()
    {
        while (_inbox.Reader.TryRead(out TrackingEvent? e))
        {
            if (e.Sequence <= _state.Acknowledged)
                continue;
            _lastSeen = Math.Max(_lastSeen, e.Sequence);
            if (e is RunStartedEvent started)
                _run ??= started;
            // A switched-off sink keeps nothing in memory: the spool has it all for a sync.
            if (!_disabled)
                _pending.Add(e);
        }
        return _inbox.Reader.Completion.IsCompleted;
    }

    private async Task DeliverAsync(CancellationToken stop)
    {
        List<TrackingEvent> events = [.. _pending];
        var (filtered, nonIncreasing, next) = _guard.Filter(events);
        var batch = new TrackingBatch(_run!, filtered, _state.RemoteRunId, _state.RemoteRunUrl, _log);
        try
        {
            if (filtered.Count > 0)
                await _sink.WriteAsync(batch, stop).ConfigureAwait(false);
            batch.CountDropped(PointDropReason.NonIncreasingStep, nonIncreasing);
            Commit(events, events[^1].Sequence, next, batch);
            if (_unavailable)
                _log("delivering again.");
            _unavailable = false;
            _retryAt = null;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            CommitPartial(events, batch);
            throw;
        }
        catch (TrackingSinkException ex) when (ex.Kind == TrackingFailureKind.Unavailable)
        {
            CommitPartial(events, batch);
            _lastError = SecretRedactor.Redact(ex.Message);
            _retryAt = DateTimeOffset.UtcNow + _retryUnavailableAfter;
            if (!_unavailable)
                _log(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"unavailable ({_lastError}). Events stay in the spool; retrying every {_retryUnavailableAfter.TotalSeconds:0.#} s, and TrackingSync uploads what is left after the run."));
            _unavailable = true;
        }
        catch (TrackingSinkException ex) when (ex.Kind == TrackingFailureKind.Fatal)
        {
            CommitPartial(events, batch);
            _lastError = SecretRedactor.Redact(ex.Message);
            _disabled = true;
            _pending.Clear();
            _log($"switched off for this run ({_lastError}). Events stay in the spool; fix the cause and run TrackingSync.");
        }
        catch (Exception ex)
        {
            CommitPartial(events, batch);
            _lastError = SecretRedactor.Redact(ex is TrackingSinkException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}");
            List<TrackingEvent> refused = [.. events.Where(e => e.Sequence > _state.Acknowledged)];
            if (refused.Count == 0)
                return;
            int points = refused.OfType<EpochEndedEvent>().Sum(e => e.Metrics.Count);
            try
            {
                DeadLetterFile.Append(_paths.DeadLetter(_sink.Name), _sink.Name, _lastError, refused);
            }
            catch (Exception io) when (io is IOException or UnauthorizedAccessException)
            {
                _log($"could not write the dead-letter file ({io.Message}).");
            }
            _log($"set aside events {refused[0].Sequence}-{refused[^1].Sequence} after repeated failure ({_lastError}); continuing with the next events.");
            _deadLettered += refused.Count;
            batch.CountDropped(PointDropReason.DeadLettered, points);
            batch.CountDropped(PointDropReason.NonIncreasingStep, nonIncreasing);
            Commit(refused, refused[^1].Sequence, _guard.Filter(refused).Next, batch, delivered: false);
        }
    }

    private void CommitPartial(List<TrackingEvent> events, TrackingBatch batch)
    {
        if (batch.Acknowledged <= _state.Acknowledged)
            return;
        List<TrackingEvent> done = [.. events.Where(e => e.Sequence <= batch.Acknowledged)];
        Commit(done, batch.Acknowledged, _guard.Filter(done).Next, batch, countDrops: false);
    }

    private void Commit(List<TrackingEvent> events, long acknowledged, StepGuard next, TrackingBatch batch, bool delivered = true, bool countDrops = true)
    {
        _guard = next;
        if (delivered)
            _delivered += events.Count(e => e.Sequence > _state.Acknowledged && e.Sequence <= acknowledged);
        if (countDrops)
        {
            foreach (var (reason, count) in batch.Dropped)
                _dropped[reason] = _dropped.GetValueOrDefault(reason) + count;
        }
        _pending.RemoveAll(e => e.Sequence <= acknowledged);
        _state = _state with { Acknowledged = acknowledged, RemoteRunId = batch.RemoteRunId ?? _state.RemoteRunId, RemoteRunUrl = batch.RemoteRunUrl ?? _state.RemoteRunUrl };
        try
        {
            _state.Save(_paths.State(_sink.Name));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!_stateSaveFailed)
                _log($"could not save its progress ({ex.Message}); a later sync may resend some events.");
            _stateSaveFailed = true;
        }
    }
}
