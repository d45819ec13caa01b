namespace Microsoft.ML.EarlyStopping.Tracking.Neptune;

/// <summary>
/// Logs a run to a self-hosted Neptune server (the hosted services shut down on 2026-03-05). The run is created with a
/// 36-character <c>customId</c> (the run key), so a retry or a sync re-attaches to the same run. Parameters and tags are
/// assigned, every epoch metric is appended to a float series (<c>train/loss</c>, <c>validation/accuracy</c>, ...),
/// consecutive points of a series are merged into one <c>logFloats</c>, and at most 1000 operations go in one request.
/// NaN and infinite values are skipped and counted (the server refuses them); per-operation errors in an HTTP 200 are counted as refused points.
/// </summary>
public sealed class NeptuneSink : ITrackingSink
{
    private readonly NeptuneSinkOptions _options;
    private readonly INeptuneTransport _transport;
    private NeptuneRunInfo? _run;
    private bool _rejectionReported;

    /// <summary>Creates the sink; nothing is sent until the first event.</summary>
    /// <exception cref="ArgumentException">An option is invalid (the message never contains the token).</exception>
    public NeptuneSink(NeptuneSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _transport = options.Transport ?? new NeptuneJsonTransport(NeptuneApiToken.Parse(options.ApiToken!), options.Retry, options.MessageHandler);
    }

    /// <inheritdoc />
    public string Name => "neptune";

    /// <summary>The Neptune run, once created or found.</summary>
    public NeptuneRunInfo? Run => _run;

    /// <inheritdoc />
    public async Task WriteAsync(TrackingBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_run == null)
        {
            string customId = _options.CustomRunId ?? batch.Run.RunKey.ToString("D");
            _run = await _transport.CreateRunAsync(_options.Project!, customId, batch.Warn, cancellationToken).ConfigureAwait(false);
            batch.SetRemoteRun(_run.Id, _run.Url);
        }

        var request = new List<NeptuneOperation>();
        var series = new Dictionary<string, List<NeptuneSeriesPoint>>(StringComparer.Ordinal);
        long lastEvent = 0;
        int max = Math.Max(1, _transport.MaxOperationsPerRequest);
        foreach (TrackingEvent e in batch.Events)
        {
            List<NeptuneOperation> operations = ToOperations(e, batch);
            if (e is EpochEndedEvent epoch)
            {
                int newPaths = operations.Count(o => !series.ContainsKey(o.Path));
                if (request.Count + series.Count + newPaths > max)
                    await SendAsync().ConfigureAwait(false);
                foreach (NeptuneOperation op in operations)
                {
                    if (!series.TryGetValue(op.Path, out List<NeptuneSeriesPoint>? points))
                        series[op.Path] = points = [];
                    points.AddRange(op.Points);
                }
            }
            else
            {
                // Keep every series' points before any later assignment, in event order.
                FlushSeries();
                if (request.Count + operations.Count > max)
                    await SendAsync().ConfigureAwait(false);
                foreach (NeptuneOperation op in operations)
                {
                    // An event with more operations than one request takes is split; it counts as delivered after its last part.
                    if (request.Count >= max)
                        await SendAsync().ConfigureAwait(false);
                    request.Add(op);
                }
            }
            lastEvent = e.Sequence;
        }
        await SendAsync().ConfigureAwait(false);

        void FlushSeries()
        {
            foreach (var (path, points) in series)
                request.Add(new NeptuneOperation(path, NeptuneOperationKind.LogFloats) { Points = points });
            series.Clear();
        }

        async Task SendAsync()
        {
            FlushSeries();
            if (request.Count == 0)
            {
                batch.Acknowledge(lastEvent);
                return;
            }
            // Series merged from a backlog can exceed one request: send in parts; the events count as delivered after the last.
            for (int start = 0; start < request.Count; start += max)
            {
                List<NeptuneOperation> part = request.GetRange(start, Math.Min(max, request.Count - start));
                IReadOnlyList<NeptuneOperationError> errors = await _transport.ExecuteAsync(_run!.Id, part, batch.Warn, cancellationToken).ConfigureAwait(false);
                if (errors.Count > 0)
                {
                    batch.CountDropped(PointDropReason.RejectedByServer, errors.Count);
                    if (!_rejectionReported)
                        batch.Warn($"the server refused {errors.Count} operation(s) of a request ({errors[0].ErrorType}: {errors[0].Description}); they are counted as dropped.");
                    _rejectionReported = true;
                }
            }
            request.Clear();
            batch.Acknowledge(lastEvent);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    private static List<NeptuneOperation> ToOperations(TrackingEvent e, TrackingBatch batch)
    {
        var ops = new List<NeptuneOperation>();
        void Float(string path, double? value)
        {
            if (value is not double v)
                return;
            if (double.IsFinite(v))
                ops.Add(new NeptuneOperation(path, NeptuneOperationKind.AssignFloat) { Number = v });
            else
                batch.CountDropped(PointDropReason.NonFinite);
        }
        void Int(string path, int? value)
        {
            if (value is int v)
                ops.Add(new NeptuneOperation(path, NeptuneOperationKind.AssignInt) { Number = v });
        }
        void Text(string path, string? value)
        {
            if (value != null)
                ops.Add(new NeptuneOperation(path, NeptuneOperationKind.AssignString) { Text = value });
        }
        switch (e)
        {
            case RunStartedEvent run:
                Text("sys/name", run.RunName);
                if (run.Tags.Count > 0)
                    ops.Add(new NeptuneOperation("sys/tags", NeptuneOperationKind.InsertStrings) { Values = run.Tags });
                foreach (var (name, value) in run.Parameters)
                    Text("parameters/" + name, value);
                Text("run/key", run.RunKey.ToString("D"));
                break;
            case EpochEndedEvent epoch:
                long time = epoch.Timestamp.ToUnixTimeMilliseconds();
                foreach (var (name, value) in epoch.Metrics)
                {
                    if (!double.IsFinite(value))
                    {
                        batch.CountDropped(PointDropReason.NonFinite);
                        continue;
                    }
                    ops.Add(new NeptuneOperation(name, NeptuneOperationKind.LogFloats) { Points = [new NeptuneSeriesPoint(value, epoch.Epoch, time)] });
                }
                break;
            case TrainingOutcomeEvent outcome:
                Text("training/state", outcome.State.ToString());
                Text("early_stopping/stop_reason", outcome.StopReason);
                Int("early_stopping/stopped_epoch", outcome.StoppedEpoch);
                Int("early_stopping/best_epoch_final", outcome.BestEpoch);
                Float("early_stopping/best_value_final", outcome.BestValue);
                Int("early_stopping/weights_epoch", outcome.WeightsEpoch);
                Int("training/epochs_completed", outcome.EpochsCompleted);
                Text("training/outcome", outcome.Outcome);
                Text("training/error", outcome.Error);
                Float("training/total_seconds", outcome.TotalSeconds);
                break;
            case EvaluationEvent evaluation:
                foreach (var (name, value) in evaluation.Metrics)
                    Float($"evaluation/{evaluation.Name}/{name}", value);
                break;
            case RunEndedEvent ended:
                Text("run/end_state", ended.State.ToString());
                // Neptune has no "finish" call; failure is marked on sys/failed.
                if (ended.State == RunEndState.Failed)
                    ops.Add(new NeptuneOperation("sys/failed", NeptuneOperationKind.AssignBool) { Flag = true });
                break;
        }
        return ops;
    }
}
