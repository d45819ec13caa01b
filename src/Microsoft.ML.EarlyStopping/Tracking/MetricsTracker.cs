using System.Globalization;
using System.Threading.Channels;
using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>
/// Tracks one training run: an <see cref="ITrainingObserver"/> that turns the trainer's start, epochs and end into
/// <see cref="TrackingEvent"/>s, spools them durably under <c>&lt;runFolder&gt;/tracking/</c>, and feeds every configured
/// <see cref="ITrackingSink"/> (MLflow, Neptune, TensorBoard, CSV, JSON lines, console, your own) from a background consumer.
/// </summary>
/// <remarks>
/// <para>The training thread only enqueues (a non-blocking channel write of a few microseconds); it never waits on disk or
/// network and never sees a sink's exception. Each sink has its own worker, so a slow or dead sink holds up nothing else.</para>
/// <para>Use one tracker per run: <c>options.Observer = tracker;</c>, train, optionally <see cref="LogEvaluation(string, IReadOnlyDictionary{string, double})"/>,
/// then dispose it (or call <see cref="CompleteAsync"/>), which ends the run and waits at most
/// <see cref="MetricsTrackerOptions.ShutdownTimeout"/>. Whatever a sink could not take stays in the spool for <see cref="TrackingSync"/>.</para>
/// </remarks>
public sealed class MetricsTracker : ITrainingObserver, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(2);
    private readonly MetricsTrackerOptions _options;
    private readonly Channel<TrackingEvent> _events = Channel.CreateUnbounded<TrackingEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly TrackingPaths _paths;
    private readonly RunFolderLock _lock;
    private readonly EventSpool? _spool;
    private readonly List<SinkWorker> _workers = [];
    private readonly Task[] _workerTasks;
    private readonly Task _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<string> _log;
    private readonly object _gate = new();
    private Task<TrackingReport>? _completion;
    private int _runStarted, _trainingStarted, _ignoredLate, _spoolFailed;
    private TrainingEndState? _trainingEnd;
    private long _sequence, _notSpooled;

    /// <summary>Creates the run's spool and starts feeding the sinks.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="InvalidOperationException">The run folder already holds a tracked run.</exception>
    /// <exception cref="IOException">The run folder is in use by another tracker or sync, or cannot be written.</exception>
    public MetricsTracker(MetricsTrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Action<string> log = options.Log ?? (message => Console.Error.WriteLine(message));
        _log = message => log(SecretRedactor.Redact("[tracking] " + message));
        _paths = new TrackingPaths(options.RunFolder);
        RunKey = Guid.NewGuid();
        RunName = string.IsNullOrWhiteSpace(options.RunName) ? Path.GetFileName(_paths.RunFolder.TrimEnd(Path.DirectorySeparatorChar)) : options.RunName;
        _lock = RunFolderLock.Acquire(_paths);
        try
        {
            _spool = EventSpool.Create(_paths.Spool, new SpoolHeader { RunKey = RunKey, RunName = SecretRedactor.Redact(RunName), Created = DateTimeOffset.UtcNow });
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
        foreach (ITrackingSink sink in options.Sinks)
            _workers.Add(new SinkWorker(sink, _paths, new SinkState { Sink = sink.Name, RunKey = RunKey }, _log, options.RetryUnavailableAfter));
        _workerTasks = [.. _workers.Select(w => Task.Run(() => w.RunAsync(_stop.Token)))];
        _consumer = Task.Run(ConsumeAsync);
        // Compile the per-epoch path now, so that the first epoch's call costs microseconds like the others.
        _ = ToEvent(new EpochMetrics { Epoch = 1, MaxEpochs = 1, TrainingLoss = 0, TrainingAccuracy = 0, LearningRate = 0, Duration = TimeSpan.Zero, ImagesPerSecond = 0, TrainingImages = 0 });
    }

    /// <summary>
    /// A tracker with the usual sinks for <paramref name="runFolder"/>: CSV, JSON lines and TensorBoard files, plus MLflow and
    /// Neptune when their environment variables are set (see <see cref="TrackingSinks.FromEnvironment(string, bool)"/>).
    /// </summary>
    /// <param name="runFolder">The run's folder.</param>
    /// <param name="runName">The run's name; default the folder's name.</param>
    /// <param name="console">Also print one summary line per epoch to standard output.</param>
    public static MetricsTracker FromEnvironment(string runFolder, string? runName = null, bool console = false) =>
        new(new MetricsTrackerOptions { RunFolder = runFolder, RunName = runName, Sinks = [.. TrackingSinks.FromEnvironment(runFolder, console)] });

    /// <summary>The run's idempotency key (also in the spool header).</summary>
    public Guid RunKey { get; }

    /// <summary>The run's name.</summary>
    public string RunName { get; }

    /// <summary>The run folder (absolute).</summary>
    public string RunFolder => _paths.RunFolder;

    /// <summary>The spool file: every event of the run, one JSON line each.</summary>
    public string SpoolPath => _paths.Spool;

    /// <summary>The report, once the tracker has been completed; null before.</summary>
    public TrackingReport? Report => _completion is { IsCompletedSuccessfully: true } done ? done.Result : null;

    /// <inheritdoc />
    public void OnTrainingStarted(TrainingStartedEvent started)
    {
        ArgumentNullException.ThrowIfNull(started);
        Interlocked.Exchange(ref _trainingStarted, 1);
        if (!EnsureRunStarted(started))
            _log("training started after the run was already started (one tracker per run); its parameters were not recorded.");
    }

    /// <inheritdoc />
    public void OnEpochEnded(EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        EnsureRunStarted(null);
        Enqueue(ToEvent(metrics));
    }

    /// <inheritdoc />
    public void OnTrainingEnded(TrainingEndedEvent ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        EnsureRunStarted(null);
        _trainingEnd = ended.State;
        CifarCnnTrainingSummary? summary = ended.Summary;
        Enqueue(new TrainingOutcomeEvent
        {
            State = ToRunEndState(ended.State),
            StopReason = summary?.StopReason.ToString(),
            EpochsCompleted = summary?.History.Count ?? 0,
            StoppedEpoch = summary?.StoppedEpoch,
            BestEpoch = summary?.BestEpoch,
            BestValue = summary?.BestValue,
            WeightsEpoch = summary?.WeightsEpoch,
            Outcome = summary?.Outcome,
            Error = ended.Error == null ? null : SecretRedactor.Redact($"{ended.Error.GetType().Name}: {ended.Error.Message}"),
            TotalSeconds = summary?.TotalTime.TotalSeconds,
            Timestamp = ended.EndTime,
        });
    }

    /// <summary>Records final evaluation metrics of the trained model on the data set <paramref name="name"/> (for example "test").</summary>
    /// <param name="name">The data set's name: letters, digits, '_', '-', '.'.</param>
    /// <param name="metrics">Metric name → value.</param>
    public void LogEvaluation(string name, IReadOnlyDictionary<string, double> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            throw new ArgumentException($"Evaluation name '{name}' must be 1-64 letters, digits, '_', '-' or '.'.", nameof(name));
        EnsureRunStarted(null);
        Enqueue(new EvaluationEvent { Name = name, Metrics = new Dictionary<string, double>(metrics, StringComparer.Ordinal), Timestamp = DateTimeOffset.UtcNow });
    }

    /// <summary>Records ML.NET's multiclass evaluation of the trained model: micro and macro accuracy, log loss, log-loss reduction and top-K accuracy.</summary>
    /// <param name="metrics">What <c>mlContext.MulticlassClassification.Evaluate</c> returned.</param>
    /// <param name="name">The evaluated data set's name. Default "test".</param>
    public void LogEvaluation(MulticlassClassificationMetrics metrics, string name = "test")
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["micro_accuracy"] = metrics.MicroAccuracy,
            ["macro_accuracy"] = metrics.MacroAccuracy,
            ["log_loss"] = metrics.LogLoss,
            ["log_loss_reduction"] = metrics.LogLossReduction,
        };
        if (metrics.TopKPredictionCount > 0)
            values[string.Create(CultureInfo.InvariantCulture, $"top_{metrics.TopKPredictionCount}_accuracy")] = metrics.TopKAccuracy;
        LogEvaluation(name, values);
    }

    /// <summary>
    /// Ends the run (finished, failed or killed, as training ended; killed if training started and never ended), waits at most
    /// <see cref="MetricsTrackerOptions.ShutdownTimeout"/> for the sinks, disposes them and returns what was delivered.
    /// Later calls return the same report. Never throws for a sink's failure.
    /// </summary>
    public Task<TrackingReport> CompleteAsync()
    {
        lock (_gate)
            return _completion ??= CompleteCoreAsync();
    }

    /// <summary>Completes the tracker (see <see cref="CompleteAsync"/>).</summary>
    public async ValueTask DisposeAsync() => await CompleteAsync().ConfigureAwait(false);

    /// <summary>Completes the tracker, blocking for at most about <see cref="MetricsTrackerOptions.ShutdownTimeout"/>.</summary>
    public void Dispose() => CompleteAsync().GetAwaiter().GetResult();

    private static EpochEndedEvent ToEvent(EpochMetrics metrics)
    {
        var values = new Dictionary<string, double>(11, StringComparer.Ordinal)
        {
            [TrackingMetricNames.TrainingLoss] = metrics.TrainingLoss,
            [TrackingMetricNames.TrainingAccuracy] = metrics.TrainingAccuracy,
        };
        if (metrics.ValidationLoss is double validationLoss)
            values[TrackingMetricNames.ValidationLoss] = validationLoss;
        if (metrics.ValidationAccuracy is double validationAccuracy)
            values[TrackingMetricNames.ValidationAccuracy] = validationAccuracy;
        values[TrackingMetricNames.LearningRate] = metrics.LearningRate;
        values[TrackingMetricNames.EpochSeconds] = metrics.Duration.TotalSeconds;
        values[TrackingMetricNames.ImagesPerSecond] = metrics.ImagesPerSecond;
        if (metrics.EarlyStopping is EarlyStoppingVerdict verdict)
        {
            values[TrackingMetricNames.Improved] = verdict.IsImprovement ? 1 : 0;
            values[TrackingMetricNames.EpochsWithoutImprovement] = verdict.EpochsWithoutImprovement;
            if (verdict.BestEpoch is int bestEpoch)
                values[TrackingMetricNames.BestEpoch] = bestEpoch;
            if (verdict.BestValue is double bestValue)
                values[TrackingMetricNames.BestValue] = bestValue;
        }
        return new EpochEndedEvent { Epoch = metrics.Epoch, MaxEpochs = metrics.MaxEpochs, Metrics = values, Timestamp = DateTimeOffset.UtcNow };
    }

    private static RunEndState ToRunEndState(TrainingEndState state) => state switch
    {
        TrainingEndState.Finished => RunEndState.Finished,
        TrainingEndState.Failed => RunEndState.Failed,
        _ => RunEndState.Killed,
    };

    private bool EnsureRunStarted(TrainingStartedEvent? started)
    {
        if (Interlocked.CompareExchange(ref _runStarted, 1, 0) != 0)
            return false;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (started != null)
        {
            foreach (var (name, value) in started.Parameters)
                parameters[name] = value;
            parameters["Data.TrainingRows"] = started.TrainingRows.ToString(CultureInfo.InvariantCulture);
            parameters["Data.ValidationRows"] = started.ValidationRows.ToString(CultureInfo.InvariantCulture);
            parameters["Data.Classes"] = string.Join(",", started.ClassNames);
            parameters["ResolvedDevice"] = started.Device;
        }
        Enqueue(new RunStartedEvent
        {
            RunKey = RunKey,
            RunName = RunName,
            Tags = [.. _options.Tags],
            Parameters = parameters,
            Timestamp = started?.StartTime ?? DateTimeOffset.UtcNow,
        });
        return true;
    }

    private void Enqueue(TrackingEvent e)
    {
        if (!_events.Writer.TryWrite(e) && Interlocked.Increment(ref _ignoredLate) == 1)
            _log($"a {e.GetType().Name} arrived after the tracker was completed and was ignored.");
    }

    private async Task ConsumeAsync()
    {
        ChannelReader<TrackingEvent> reader = _events.Reader;
        var batch = new List<TrackingEvent>();
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out TrackingEvent? e))
                    batch.Add(Spool(e));
                FlushSpool();
                foreach (SinkWorker worker in _workers)
                {
                    foreach (TrackingEvent e in batch)
                        worker.Post(e);
                }
                batch.Clear();
            }
        }
        finally
        {
            foreach (SinkWorker worker in _workers)
                worker.Complete();
        }
    }

    private TrackingEvent Spool(TrackingEvent e)
    {
        long sequence = ++_sequence;
        var (line, numbered) = EventSpool.Serialize(e with { Sequence = sequence });
        if (_spoolFailed == 0)
        {
            try
            {
                _spool!.Append(sequence, line);
                return numbered;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _spoolFailed = 1;
                _log($"cannot write the spool {_paths.Spool} ({ex.Message}); sinks still get the events but a later sync cannot.");
            }
        }
        _notSpooled++;
        return numbered;
    }

    private void FlushSpool()
    {
        if (_spoolFailed != 0)
            return;
        try
        {
            _spool!.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _spoolFailed = 1;
            _log($"cannot write the spool {_paths.Spool} ({ex.Message}); sinks still get the events but a later sync cannot.");
        }
    }

    private async Task<TrackingReport> CompleteCoreAsync()
    {
        EnsureRunStarted(null);
        RunEndState state = _trainingEnd is TrainingEndState ended ? ToRunEndState(ended)
            : Volatile.Read(ref _trainingStarted) == 1 ? RunEndState.Killed
            : RunEndState.Finished;
        Enqueue(new RunEndedEvent { State = state, Timestamp = DateTimeOffset.UtcNow });
        _events.Writer.TryComplete();

        Task all = Task.WhenAll([_consumer, .. _workerTasks]);
        bool timedOut = false;
        if (await Task.WhenAny(all, Task.Delay(_options.ShutdownTimeout)).ConfigureAwait(false) != all)
        {
            timedOut = true;
            await _stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(all, Task.Delay(CancelGrace)).ConfigureAwait(false);
        }
        foreach (SinkWorker worker in _workers)
            await DisposeSinkAsync(worker.Sink).ConfigureAwait(false);
        _spool?.Dispose();
        _lock.Dispose();

        var report = new TrackingReport
        {
            RunFolder = _paths.RunFolder,
            RunKey = RunKey,
            EventsSpooled = _spool?.LastSequence ?? 0,
            EventsNotSpooled = _notSpooled,
            Sinks = [.. _workers.Select(w => w.Report(timedOut))],
        };
        if (report.HasPendingEvents || report.EventsNotSpooled > 0 || report.Sinks.Any(s => s.TotalPointsDropped > 0 || s.EventsDeadLettered > 0))
            _log(report.Describe());
        return report;
    }

    private async Task DisposeSinkAsync(ITrackingSink sink)
    {
        try
        {
            Task disposal = sink.DisposeAsync().AsTask();
            if (await Task.WhenAny(disposal, Task.Delay(CancelGrace)).ConfigureAwait(false) != disposal)
                _log($"{sink.Name}: did not close within {CancelGrace.TotalSeconds:0} s; left behind.");
            else
                await disposal.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log($"{sink.Name}: failed to close ({ex.GetType().Name}: {ex.Message}).");
        }
    }
}
