using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking.Fakes;

/// <summary>
/// An in-memory MLflow tracking server speaking the REST 2.0 calls the sink uses, with MLflow's rules: experiment names are
/// unique (also when deleted), runs/create is not idempotent, log-batch limits (1000 metrics, 100 params, 100 tags, 1000 items,
/// 1 MB, key characters, param value length), params write-once, identical metric points stored once (as the SQL store does),
/// NaN/Infinity accepted as strings, and errors as {error_code, message}.
/// </summary>
internal sealed partial class FakeMlflowServer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (string Id, string Stage)> _experiments = new() { ["Default"] = ("0", "active") };
    private readonly Dictionary<string, MlflowRun> _runs = [];
    private readonly FakeHttpServer _server;

    public FakeMlflowServer(string? requiredAuthorization = null, int port = 0)
    {
        RequiredAuthorization = requiredAuthorization;
        _server = new FakeHttpServer(Handle, port);
    }

    public Uri BaseUri => _server.BaseUri;

    public FaultPlan Faults { get; } = new();

    public string? RequiredAuthorization { get; set; }

    public int MaxParamValueLength { get; set; } = 250;

    /// <summary>Creates the run but answers runs/create with 500 this many times (a lost answer that tempts a client into a ghost run).</summary>
    public int CreateButFail { get; set; }

    public IReadOnlyList<FakeRequest> Requests => _server.Requests;

    public IReadOnlyList<MlflowRun> Runs
    {
        get
        {
            lock (_gate)
                return [.. _runs.Values];
        }
    }

    public void AddExperiment(string name, string id, string stage = "active")
    {
        lock (_gate)
            _experiments[name] = (id, stage);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private FakeResponse Handle(FakeRequest request)
    {
        if (Faults.Take(request) is FakeResponse fault)
            return fault;
        if (RequiredAuthorization != null && request.Header("Authorization") != RequiredAuthorization)
            return Error(401, "UNAUTHENTICATED", "credentials required");
        string path = request.Path.Replace("/api/2.0/mlflow/", "", StringComparison.Ordinal);
        lock (_gate)
        {
            try
            {
                JsonNode? body = request.Body.Length > 0 ? JsonNode.Parse(request.Body) : null;
                return (request.Method, path) switch
                {
                    ("GET", "experiments/get-by-name") => GetExperiment(request.QueryValue("experiment_name") ?? ""),
                    ("POST", "experiments/create") => CreateExperiment(body!["name"]!.GetValue<string>()),
                    ("POST", "runs/create") => CreateRun(body!),
                    ("POST", "runs/search") => SearchRuns(body!),
                    ("POST", "runs/log-batch") => LogBatch(body!, request.Body.Length),
                    ("POST", "runs/update") => UpdateRun(body!),
                    _ => Error(404, "ENDPOINT_NOT_FOUND", $"no endpoint {request.Method} {path}"),
                };
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
            {
                return Error(400, "MALFORMED_REQUEST", ex.Message);
            }
        }
    }

    private FakeResponse GetExperiment(string name) =>
        _experiments.TryGetValue(name, out var experiment)
            ? FakeResponse.Json(new JsonObject { ["experiment"] = new JsonObject { ["experiment_id"] = experiment.Id, ["name"] = name, ["lifecycle_stage"] = experiment.Stage } }.ToJsonString())
            : Error(404, "RESOURCE_DOES_NOT_EXIST", $"Could not find experiment with name '{name}'");

    private FakeResponse CreateExperiment(string name)
    {
        if (_experiments.ContainsKey(name))
            return Error(400, "RESOURCE_ALREADY_EXISTS", $"Experiment '{name}' already exists.");
        string id = (100 + _experiments.Count).ToString(CultureInfo.InvariantCulture);
        _experiments[name] = (id, "active");
        return FakeResponse.Json(new JsonObject { ["experiment_id"] = id }.ToJsonString());
    }

    private FakeResponse CreateRun(JsonNode body)
    {
        var run = new MlflowRun
        {
            Id = Guid.NewGuid().ToString("N"),
            ExperimentId = body["experiment_id"]!.GetValue<string>(),
            Name = body["run_name"]?.GetValue<string>() ?? "",
        };
        foreach (JsonNode? tag in body["tags"]?.AsArray() ?? [])
            run.Tags[tag!["key"]!.GetValue<string>()] = tag["value"]!.GetValue<string>();
        _runs[run.Id] = run;
        if (CreateButFail > 0)
        {
            CreateButFail--;
            return Error(500, "INTERNAL_ERROR", "lost the answer");
        }
        return FakeResponse.Json(new JsonObject { ["run"] = new JsonObject { ["info"] = new JsonObject { ["run_id"] = run.Id, ["experiment_id"] = run.ExperimentId } } }.ToJsonString());
    }

    private FakeResponse SearchRuns(JsonNode body)
    {
        var ids = body["experiment_ids"]!.AsArray().Select(n => n!.GetValue<string>()).ToHashSet();
        Match filter = TagFilter().Match(body["filter"]?.GetValue<string>() ?? "");
        var found = _runs.Values.Where(r => ids.Contains(r.ExperimentId)
            && (!filter.Success || r.Tags.GetValueOrDefault(filter.Groups["key"].Value) == filter.Groups["value"].Value));
        var runs = new JsonArray([.. found.Select(r => (JsonNode)new JsonObject { ["info"] = new JsonObject { ["run_id"] = r.Id } })]);
        return FakeResponse.Json(new JsonObject { ["runs"] = runs }.ToJsonString());
    }

    private FakeResponse LogBatch(JsonNode body, int bytes)
    {
        if (!_runs.TryGetValue(body["run_id"]!.GetValue<string>(), out MlflowRun? run))
            return Error(404, "RESOURCE_DOES_NOT_EXIST", "no such run");
        JsonArray metrics = body["metrics"]?.AsArray() ?? [], parameters = body["params"]?.AsArray() ?? [], tags = body["tags"]?.AsArray() ?? [];
        if (metrics.Count > 1000 || parameters.Count > 100 || tags.Count > 100 || metrics.Count + parameters.Count + tags.Count > 1000 || bytes > 1_000_000)
            return Error(400, "INVALID_PARAMETER_VALUE", "A batch logging request can contain at most 1000 metrics, 100 params and 100 tags.");
        foreach (JsonNode? node in metrics.Concat(parameters).Concat(tags))
        {
            string key = node!["key"]!.GetValue<string>();
            if (key.Length > 250 || !KeyCharacters().IsMatch(key))
                return Error(400, "INVALID_PARAMETER_VALUE", $"Invalid key '{key}'");
        }
        foreach (JsonNode? p in parameters)
        {
            string key = p!["key"]!.GetValue<string>(), value = p["value"]!.GetValue<string>();
            if (value.Length > MaxParamValueLength)
                return Error(400, "INVALID_PARAMETER_VALUE", $"Param value for '{key}' had length {value.Length}, which exceeded length limit of {MaxParamValueLength}");
            if (run.Params.TryGetValue(key, out string? existing) && existing != value)
                return Error(400, "INVALID_PARAMETER_VALUE", $"Changing param values is not allowed. Param with key='{key}' was already logged with value='{existing}'");
        }
        foreach (JsonNode? p in parameters)
            run.Params[p!["key"]!.GetValue<string>()] = p["value"]!.GetValue<string>();
        foreach (JsonNode? t in tags)
            run.Tags[t!["key"]!.GetValue<string>()] = t["value"]!.GetValue<string>();
        foreach (JsonNode? m in metrics)
        {
            JsonNode value = m!["value"]!;
            double v = value.GetValueKind() == JsonValueKind.String
                ? value.GetValue<string>() switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, "-Infinity" => double.NegativeInfinity, var s => throw new FormatException(s) }
                : value.GetValue<double>();
            var point = new MetricPoint(m["key"]!.GetValue<string>(), v, m["timestamp"]!.GetValue<long>(), m["step"]?.GetValue<long>() ?? 0);
            if (!run.Metrics.Contains(point))
                run.Metrics.Add(point);
        }
        return FakeResponse.Json("{}");
    }

    private FakeResponse UpdateRun(JsonNode body)
    {
        if (!_runs.TryGetValue(body["run_id"]!.GetValue<string>(), out MlflowRun? run))
            return Error(404, "RESOURCE_DOES_NOT_EXIST", "no such run");
        run.Status = body["status"]!.GetValue<string>();
        run.EndTime = body["end_time"]?.GetValue<long>();
        return FakeResponse.Json("{}");
    }

    private static FakeResponse Error(int status, string code, string message) =>
        new(status, new JsonObject { ["error_code"] = code, ["message"] = message }.ToJsonString());

    [GeneratedRegex(@"^tags\.(?<key>\S+) = '(?<value>[^']*)'$")]
    private static partial Regex TagFilter();

    [GeneratedRegex(@"^[A-Za-z0-9_\-. /]+$")]
    private static partial Regex KeyCharacters();
}

internal sealed record MetricPoint(string Key, double Value, long Timestamp, long Step);

internal sealed class MlflowRun
{
    public required string Id { get; init; }

    public required string ExperimentId { get; init; }

    public required string Name { get; init; }

    public Dictionary<string, string> Tags { get; } = [];

    public Dictionary<string, string> Params { get; } = [];

    public List<MetricPoint> Metrics { get; } = [];

    public string Status { get; set; } = "RUNNING";

    public long? EndTime { get; set; }

    public IReadOnlyList<MetricPoint> Series(string key) => [.. Metrics.Where(m => m.Key == key).OrderBy(m => m.Step)];
}
