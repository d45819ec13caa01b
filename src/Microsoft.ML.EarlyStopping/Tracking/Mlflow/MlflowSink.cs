using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.ML.EarlyStopping.Tracking.Http;

namespace Microsoft.ML.EarlyStopping.Tracking.Mlflow;

/// <summary>
/// Logs a run to an MLflow tracking server over its REST API 2.0: the experiment is found or created (race-safe), the run is
/// found by a run-key tag before one is created (so a retry or a sync never makes a second run), parameters are logged
/// once, metrics go in <c>runs/log-batch</c> requests within the server's limits, and the run ends FINISHED, FAILED or KILLED.
/// </summary>
public sealed class MlflowSink : ITrackingSink
{
    /// <summary>The tag that holds the run key on the MLflow run.</summary>
    public const string RunKeyTag = "ml_earlystopping_run_key";

    private const int MaxMetricsPerRequest = 1000;
    private const int MaxParamsPerRequest = 100;
    private const int MaxTagsPerRequest = 100;
    private const int MaxRequestBytes = 900_000; // below the 1 MB limit, leaving room for the envelope
    private const int MaxKeyLength = 250;
    private const int MaxTagValueLength = 5000;
    private const int CreateRounds = 3;

    private readonly MlflowSinkOptions _options;
    private readonly Uri _api;
    private readonly Uri _ui;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly TrackingHttpClient _http;
    private string? _runId;
    private bool _paramConflictReported;

    /// <summary>Creates the sink; nothing is sent until the first event.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public MlflowSink(MlflowSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        Uri uri = options.TrackingUri!;
        string? user = options.Username, password = options.Password;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Credentials in the URI: used (unless given explicitly), then removed from every address we keep.
            string[] parts = uri.UserInfo.Split(':', 2);
            SecretRedactor.Register(uri.UserInfo);
            SecretRedactor.Register(Uri.UnescapeDataString(uri.UserInfo));
            user ??= Uri.UnescapeDataString(parts[0]);
            password ??= parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
            uri = new Uri(SecretRedactor.StripCredentials(uri));
        }
        SecretRedactor.Register(password);
        SecretRedactor.Register(options.Token);
        if (user != null)
        {
            string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
            SecretRedactor.Register(basic);
            _authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        else if (options.Token != null)
        {
            _authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        }
        string root = uri.ToString().TrimEnd('/') + "/";
        _ui = new Uri(root);
        _api = new Uri(_ui, "api/2.0/mlflow/");
        _http = new TrackingHttpClient($"MLflow at {_ui}", options.Retry, options.MessageHandler, options.InsecureTls);
    }

    /// <inheritdoc />
    public string Name => "mlflow";

    /// <summary>The MLflow run id, once known.</summary>
    public string? RunId => _runId;

    /// <inheritdoc />
    public async Task WriteAsync(TrackingBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        string runId = await EnsureRunAsync(batch, cancellationToken).ConfigureAwait(false);
        var metrics = new MetricBuffer();
        long lastInBuffer = 0;
        foreach (TrackingEvent e in batch.Events)
        {
            switch (e)
            {
                case RunStartedEvent started:
                    await FlushAsync().ConfigureAwait(false);
                    await LogRunStartAsync(runId, started, batch, cancellationToken).ConfigureAwait(false);
                    break;
                case EpochEndedEvent epoch:
                    await AddMetricsAsync(epoch.Metrics, epoch.Epoch, epoch.Timestamp, e.Sequence).ConfigureAwait(false);
                    break;
                case EvaluationEvent evaluation:
                    await AddMetricsAsync(evaluation.Metrics.ToDictionary(m => $"evaluation/{evaluation.Name}/{m.Key}", m => m.Value), 0, evaluation.Timestamp, e.Sequence).ConfigureAwait(false);
                    break;
                case TrainingOutcomeEvent outcome:
                    await FlushAsync().ConfigureAwait(false);
                    await LogOutcomeAsync(runId, outcome, batch, cancellationToken).ConfigureAwait(false);
                    break;
                case RunEndedEvent ended:
                    await FlushAsync().ConfigureAwait(false);
                    await EndRunAsync(runId, ended, cancellationToken).ConfigureAwait(false);
                    break;
            }
            if (metrics.Count == 0)
                batch.Acknowledge(e.Sequence);
        }
        await FlushAsync().ConfigureAwait(false);

        async Task AddMetricsAsync(IEnumerable<KeyValuePair<string, double>> values, long step, DateTimeOffset time, long sequence)
        {
            var points = new List<(string Key, double Value)>();
            foreach (var (key, value) in values)
            {
                if (!double.IsFinite(value) && _options.NonFiniteValues == MlflowNonFiniteHandling.Skip)
                {
                    batch.CountDropped(PointDropReason.NonFinite);
                    continue;
                }
                points.Add((SanitizeKey(key), value));
            }
            if (!metrics.Fits(points.Count))
                await FlushAsync().ConfigureAwait(false);
            metrics.Add(points, step, time.ToUnixTimeMilliseconds());
            lastInBuffer = sequence;
        }

        async Task FlushAsync()
        {
            if (metrics.Count == 0)
                return;
            await PostAsync("runs/log-batch", w =>
            {
                w.WriteString("run_id", runId);
                w.WriteStartArray("metrics");
                foreach (var (key, value, step, timestamp) in metrics.Points)
                {
                    w.WriteStartObject();
                    w.WriteString("key", key);
                    if (double.IsFinite(value))
                        w.WriteNumber("value", value);
                    else
                        w.WriteString("value", double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                    w.WriteNumber("timestamp", timestamp);
                    w.WriteNumber("step", step);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }, "log-batch (metrics)", cancellationToken).ConfigureAwait(false);
            metrics.Clear();
            batch.Acknowledge(lastInBuffer);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> EnsureRunAsync(TrackingBatch batch, CancellationToken cancellationToken)
    {
        if (_runId != null)
            return _runId;
        string? experimentId = _options.ExperimentId;
        string? runId = _options.RunId ?? batch.RemoteRunId;
        if (runId == null)
        {
            experimentId ??= await GetOrCreateExperimentAsync(_options.ExperimentName, batch, cancellationToken).ConfigureAwait(false);
            runId = await FindOrCreateRunAsync(experimentId, batch, cancellationToken).ConfigureAwait(false);
        }
        _runId = runId;
        string url = experimentId != null ? $"{_ui}#/experiments/{experimentId}/runs/{runId}" : batch.RemoteRunUrl ?? $"{_ui}#/runs/{runId}";
        batch.SetRemoteRun(runId, url);
        return runId;
    }

    private async Task<string> GetOrCreateExperimentAsync(string name, TrackingBatch batch, CancellationToken cancellationToken)
    {
        for (int round = 0; round < CreateRounds; round++)
        {
            using (HttpResponseMessage found = await SendAsync(HttpMethod.Get, "experiments/get-by-name?experiment_name=" + Uri.EscapeDataString(name), null, "experiments/get-by-name", batch, cancellationToken).ConfigureAwait(false))
            {
                if (found.IsSuccessStatusCode)
                {
                    using JsonDocument json = await ReadJsonAsync(found, cancellationToken).ConfigureAwait(false);
                    JsonElement experiment = json.RootElement.GetProperty("experiment");
                    if (experiment.TryGetProperty("lifecycle_stage", out JsonElement stage) && stage.GetString() == "deleted")
                        throw new TrackingSinkException(TrackingFailureKind.Fatal, $"MLflow experiment '{name}' is deleted: restore it or choose another MLFLOW_EXPERIMENT_NAME.");
                    return experiment.GetProperty("experiment_id").GetString()!;
                }
                if (await ErrorCodeAsync(found, cancellationToken).ConfigureAwait(false) != "RESOURCE_DOES_NOT_EXIST" && found.StatusCode != HttpStatusCode.NotFound)
                    throw await TrackingHttpClient.FailureAsync(found, "MLflow", "experiments/get-by-name", cancellationToken).ConfigureAwait(false);
            }
            using HttpResponseMessage created = await SendAsync(HttpMethod.Post, "experiments/create", w => w.WriteString("name", name), "experiments/create", batch, cancellationToken).ConfigureAwait(false);
            if (created.IsSuccessStatusCode)
            {
                using JsonDocument json = await ReadJsonAsync(created, cancellationToken).ConfigureAwait(false);
                return json.RootElement.GetProperty("experiment_id").GetString()!;
            }
            // Someone created it between our lookup and our create (or it is deleted): look it up again.
            if (await ErrorCodeAsync(created, cancellationToken).ConfigureAwait(false) != "RESOURCE_ALREADY_EXISTS")
                throw await TrackingHttpClient.FailureAsync(created, "MLflow", "experiments/create", cancellationToken).ConfigureAwait(false);
        }
        throw new TrackingSinkException(TrackingFailureKind.Unavailable, $"MLflow experiment '{name}' could neither be found nor created.");
    }

    private async Task<string> FindOrCreateRunAsync(string experimentId, TrackingBatch batch, CancellationToken cancellationToken)
    {
        string key = batch.Run.RunKey.ToString("D");
        TrackingSinkException? last = null;
        for (int round = 0; round < CreateRounds; round++)
        {
            if (await SearchRunAsync(experimentId, key, batch, cancellationToken).ConfigureAwait(false) is string existing)
                return existing;
            // runs/create is not idempotent: one attempt, then search again before another, so a lost answer never makes a second run.
            using HttpResponseMessage created = await SendAsync(HttpMethod.Post, "runs/create", w =>
            {
                w.WriteString("experiment_id", experimentId);
                w.WriteString("run_name", batch.Run.RunName);
                w.WriteNumber("start_time", batch.Run.Timestamp.ToUnixTimeMilliseconds());
                w.WriteStartArray("tags");
                WriteTag(w, RunKeyTag, key);
                WriteTag(w, "mlflow.runName", batch.Run.RunName);
                w.WriteEndArray();
            }, "runs/create", batch, cancellationToken, retry: false).ConfigureAwait(false);
            if (created.IsSuccessStatusCode)
            {
                using JsonDocument json = await ReadJsonAsync(created, cancellationToken).ConfigureAwait(false);
                return json.RootElement.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
            }
            last = await TrackingHttpClient.FailureAsync(created, "MLflow", "runs/create", cancellationToken).ConfigureAwait(false);
            if (!TrackingHttpClient.IsTransientStatus(created.StatusCode))
                throw last;
            await Task.Delay(_options.Retry.BaseDelay * (1 << round), cancellationToken).ConfigureAwait(false);
        }
        throw last!;
    }

    private async Task<string?> SearchRunAsync(string experimentId, string key, TrackingBatch batch, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, "runs/search", w =>
        {
            w.WriteStartArray("experiment_ids");
            w.WriteStringValue(experimentId);
            w.WriteEndArray();
            w.WriteString("filter", $"tags.{RunKeyTag} = '{key}'");
            w.WriteNumber("max_results", 1);
        }, "runs/search", batch, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await TrackingHttpClient.FailureAsync(response, "MLflow", "runs/search", cancellationToken).ConfigureAwait(false);
        using JsonDocument json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        if (json.RootElement.TryGetProperty("runs", out JsonElement runs) && runs.GetArrayLength() > 0)
            return runs[0].GetProperty("info").GetProperty("run_id").GetString();
        return null;
    }

    private async Task LogRunStartAsync(string runId, RunStartedEvent started, TrackingBatch batch, CancellationToken cancellationToken)
    {
        var parameters = started.Parameters
            .Select(p => (Key: SanitizeKey(p.Key), Value: p.Value.Length > _options.MaxParamValueLength ? p.Value[.._options.MaxParamValueLength] : p.Value))
            .ToList();
        foreach (var chunk in parameters.Chunk(MaxParamsPerRequest))
        {
            using HttpResponseMessage response = await SendAsync(HttpMethod.Post, "runs/log-batch", w =>
            {
                w.WriteString("run_id", runId);
                w.WriteStartArray("params");
                foreach (var (key, value) in chunk)
                {
                    w.WriteStartObject();
                    w.WriteString("key", key);
                    w.WriteString("value", value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }, "log-batch (params)", batch, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
                continue;
            // Params are write-once: a different value already logged is refused. Report it once and go on; metrics still flow.
            if (response.StatusCode == HttpStatusCode.BadRequest && await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false) == "INVALID_PARAMETER_VALUE")
            {
                if (!_paramConflictReported)
                    batch.Warn("MLflow refused parameters that already have a different value on this run; the existing values are kept.");
                _paramConflictReported = true;
                continue;
            }
            throw await TrackingHttpClient.FailureAsync(response, "MLflow", "log-batch (params)", cancellationToken).ConfigureAwait(false);
        }
        var tags = started.Tags.Select(t => (SanitizeKey(t), "true")).ToList();
        await LogTagsAsync(runId, tags, batch, cancellationToken).ConfigureAwait(false);
    }

    private async Task LogOutcomeAsync(string runId, TrainingOutcomeEvent outcome, TrackingBatch batch, CancellationToken cancellationToken)
    {
        var tags = new List<(string, string)> { ("training.state", outcome.State.ToString()) };
        if (outcome.StopReason != null)
            tags.Add(("early_stopping.stop_reason", outcome.StopReason));
        if (outcome.Outcome != null)
            tags.Add(("early_stopping.outcome", Cut(outcome.Outcome)));
        if (outcome.Error != null)
            tags.Add(("training.error", Cut(outcome.Error)));
        await LogTagsAsync(runId, tags, batch, cancellationToken).ConfigureAwait(false);

        var numbers = new List<(string Key, double Value)>();
        void Add(string key, double? value)
        {
            if (value is double v && double.IsFinite(v))
                numbers.Add((key, v));
        }
        Add("early_stopping/best_epoch_final", outcome.BestEpoch);
        Add("early_stopping/best_value_final", outcome.BestValue);
        Add("early_stopping/stopped_epoch", outcome.StoppedEpoch);
        Add("early_stopping/weights_epoch", outcome.WeightsEpoch);
        Add("training/epochs_completed", outcome.EpochsCompleted);
        Add("training/total_seconds", outcome.TotalSeconds);
        if (numbers.Count == 0)
            return;
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, "runs/log-batch", w =>
        {
            w.WriteString("run_id", runId);
            w.WriteStartArray("metrics");
            foreach (var (key, value) in numbers)
            {
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteNumber("value", value);
                w.WriteNumber("timestamp", outcome.Timestamp.ToUnixTimeMilliseconds());
                w.WriteNumber("step", 0);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, "log-batch (outcome)", batch, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await TrackingHttpClient.FailureAsync(response, "MLflow", "log-batch (outcome)", cancellationToken).ConfigureAwait(false);
    }

    private async Task LogTagsAsync(string runId, IReadOnlyList<(string Key, string Value)> tags, TrackingBatch batch, CancellationToken cancellationToken)
    {
        foreach (var chunk in tags.Chunk(MaxTagsPerRequest))
        {
            await PostAsync("runs/log-batch", w =>
            {
                w.WriteString("run_id", runId);
                w.WriteStartArray("tags");
                foreach (var (key, value) in chunk)
                    WriteTag(w, key, value);
                w.WriteEndArray();
            }, "log-batch (tags)", cancellationToken, batch).ConfigureAwait(false);
        }
    }

    private async Task EndRunAsync(string runId, RunEndedEvent ended, CancellationToken cancellationToken)
    {
        string status = ended.State switch
        {
            RunEndState.Finished => "FINISHED",
            RunEndState.Failed => "FAILED",
            _ => "KILLED",
        };
        await PostAsync("runs/update", w =>
        {
            w.WriteString("run_id", runId);
            w.WriteString("status", status);
            w.WriteNumber("end_time", ended.Timestamp.ToUnixTimeMilliseconds());
        }, "runs/update", cancellationToken).ConfigureAwait(false);
    }

    private async Task PostAsync(string path, Action<Utf8JsonWriter> body, string operation, CancellationToken cancellationToken, TrackingBatch? batch = null)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, path, body, operation, batch, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await TrackingHttpClient.FailureAsync(response, "MLflow", operation, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Action<Utf8JsonWriter>? body, string operation, TrackingBatch? batch, CancellationToken cancellationToken, bool retry = true)
    {
        byte[]? content = null;
        if (body != null)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                body(writer);
                writer.WriteEndObject();
            }
            content = buffer.ToArray();
        }
        return _http.SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, new Uri(_api, path));
            if (_authorization != null)
                request.Headers.Authorization = _authorization;
            if (content != null)
                request.Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
            return request;
        }, operation, message => batch?.Warn(message), cancellationToken, retry);
    }

    private static void WriteTag(Utf8JsonWriter w, string key, string value)
    {
        w.WriteStartObject();
        w.WriteString("key", key);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new TrackingSinkException(TrackingFailureKind.Rejected, $"MLflow answered with something that is not JSON ({ex.Message}).");
        }
    }

    /// <summary>The MLflow <c>error_code</c> of an error answer, or null (a proxy may answer with no JSON at all).</summary>
    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using JsonDocument json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error_code", out JsonElement code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An MLflow key: at most 250 characters of letters, digits, '_', '-', '.', ' ' and '/'; anything else becomes '_'.</summary>
    internal static string SanitizeKey(string key)
    {
        var text = new StringBuilder(Math.Min(key.Length, MaxKeyLength));
        foreach (char c in key.AsSpan(0, Math.Min(key.Length, MaxKeyLength)))
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ' ' or '/' ? c : '_');
        return text.Length == 0 ? "_" : text.ToString();
    }

    private static string Cut(string value) => value.Length > MaxTagValueLength ? value[..MaxTagValueLength] : value;

    /// <summary>Metric points waiting for one <c>log-batch</c> request, kept within its count and size limits.</summary>
    private sealed class MetricBuffer
    {
        private readonly List<(string Key, double Value, long Step, long Timestamp)> _points = [];
        private int _bytes;

        public int Count => _points.Count;

        public IReadOnlyList<(string Key, double Value, long Step, long Timestamp)> Points => _points;

        public bool Fits(int more) => _points.Count + more <= MaxMetricsPerRequest && _bytes + more * (MaxKeyLength + 80) <= MaxRequestBytes;

        public void Add(IEnumerable<(string Key, double Value)> points, long step, long timestamp)
        {
            foreach (var (key, value) in points)
            {
                _points.Add((key, value, step, timestamp));
                _bytes += key.Length + 80;
            }
        }

        public void Clear()
        {
            _points.Clear();
            _bytes = 0;
        }
    }
}
