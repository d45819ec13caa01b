using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking.Fakes;

/// <summary>
/// An in-memory self-hosted Neptune server speaking the 2.x JSON protocol: discovery, API-token exchange for a JWT access
/// token (with exp, iss and azp), OpenID refresh, project lookup, run creation idempotent by customId, and
/// attributes/operations with per-operation errors in an HTTP 200 (non-increasing steps are refused as
/// metadata_inconsistency). Access tokens can be expired on demand to force a 401.
/// </summary>
internal sealed class FakeNeptuneServer : IAsyncDisposable
{
    public const string ProjectName = "workspace/project";
    private const string ClientId = "neptune-cli";
    private readonly object _gate = new();
    private readonly FakeHttpServer _server;
    private readonly HashSet<string> _validAccessTokens = [];
    private readonly HashSet<string> _refreshTokens = [];
    private readonly List<NeptuneRun> _runs = [];
    private readonly string _projectId = Guid.NewGuid().ToString("D");

    public FakeNeptuneServer(string apiKey = "fake-neptune-api-key-0123456789", int port = 0)
    {
        _server = new FakeHttpServer(Handle, port);
        ApiKey = apiKey;
        ApiToken = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            new JsonObject { ["api_address"] = BaseUri.ToString().TrimEnd('/'), ["api_key"] = apiKey }.ToJsonString()));
    }

    public Uri BaseUri => _server.BaseUri;

    public string ApiKey { get; }

    /// <summary>The token a user would copy from the server: Base64 JSON with api_address and api_key.</summary>
    public string ApiToken { get; }

    public FaultPlan Faults { get; } = new();

    /// <summary>Lifetime of issued access tokens. Default one hour.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Operations on this path are refused with a per-operation error.</summary>
    public string? RejectPath { get; set; }

    public int Exchanges { get; private set; }

    public int Refreshes { get; private set; }

    /// <summary>Every access token issued so far (to check none leaks).</summary>
    public List<string> IssuedSecrets { get; } = [];

    public IReadOnlyList<FakeRequest> Requests => _server.Requests;

    public IReadOnlyList<NeptuneRun> Runs
    {
        get
        {
            lock (_gate)
                return [.. _runs];
        }
    }

    /// <summary>Invalidates every issued access token: the next API call gets 401.</summary>
    public void ExpireAccessTokens()
    {
        lock (_gate)
            _validAccessTokens.Clear();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private FakeResponse Handle(FakeRequest request)
    {
        if (Faults.Take(request) is FakeResponse fault)
            return fault;
        lock (_gate)
        {
            try
            {
                return request.Path switch
                {
                    "/api/backend/v1/clients/config" => WithApiToken(request, () => FakeResponse.Json(new JsonObject
                    {
                        ["apiUrl"] = BaseUri.ToString().TrimEnd('/'),
                        ["applicationUrl"] = BaseUri + "app",
                        ["pyLibVersions"] = new JsonObject { ["minVersion"] = "0.4.0" },
                    }.ToJsonString())),
                    "/api/backend/v1/authorization/oauth-token" => WithApiToken(request, Exchange),
                    "/auth/realms/neptune/protocol/openid-connect/token" => Refresh(request),
                    "/api/backend/v1/projects/get" => WithAccess(request, () => request.QueryValue("projectIdentifier") == ProjectName
                        ? FakeResponse.Json(new JsonObject { ["id"] = _projectId, ["name"] = "project", ["organizationName"] = "workspace", ["projectKey"] = "PROJ", ["version"] = 2 }.ToJsonString())
                        : new FakeResponse(404, "{\"title\":\"Project not found\"}")),
                    "/api/leaderboard/v1/experiments" => WithAccess(request, () => CreateRun(JsonNode.Parse(request.Body)!)),
                    "/api/leaderboard/v1/attributes/operations" => WithAccess(request, () => Execute(request.QueryValue("experimentId") ?? "", JsonNode.Parse(request.Body)!.AsArray())),
                    _ => new FakeResponse(404, "{\"title\":\"no such endpoint\"}"),
                };
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NullReferenceException or FormatException)
            {
                return new FakeResponse(400, JsonSerializer.Serialize(new { title = ex.Message }));
            }
        }
    }

    private FakeResponse WithApiToken(FakeRequest request, Func<FakeResponse> then) =>
        request.Header("X-Neptune-Api-Token") == ApiToken ? then() : new FakeResponse(401, "{\"title\":\"Invalid API token\"}");

    private FakeResponse WithAccess(FakeRequest request, Func<FakeResponse> then)
    {
        string? header = request.Header("Authorization");
        return header != null && header.StartsWith("Bearer ", StringComparison.Ordinal) && _validAccessTokens.Contains(header["Bearer ".Length..])
            ? then()
            : new FakeResponse(401, "{\"title\":\"Unauthorized\"}");
    }

    private FakeResponse Exchange()
    {
        Exchanges++;
        var (access, refresh) = Issue();
        return FakeResponse.Json(new JsonObject { ["accessToken"] = access, ["refreshToken"] = refresh, ["username"] = "tester" }.ToJsonString());
    }

    private FakeResponse Refresh(FakeRequest request)
    {
        Dictionary<string, string> form = request.Body.Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        if (form.GetValueOrDefault("grant_type") != "refresh_token" || form.GetValueOrDefault("client_id") != ClientId
            || !_refreshTokens.Remove(form.GetValueOrDefault("refresh_token") ?? ""))
        {
            return new FakeResponse(400, "{\"error\":\"invalid_grant\"}");
        }
        Refreshes++;
        var (access, refresh) = Issue();
        return FakeResponse.Json(new JsonObject { ["access_token"] = access, ["refresh_token"] = refresh, ["token_type"] = "bearer" }.ToJsonString());
    }

    private (string Access, string Refresh) Issue()
    {
        static string Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string payload = new JsonObject
        {
            ["exp"] = DateTimeOffset.UtcNow.Add(TokenLifetime).ToUnixTimeSeconds(),
            ["iss"] = BaseUri + "auth/realms/neptune",
            ["azp"] = ClientId,
            ["jti"] = Guid.NewGuid().ToString("N"),
        }.ToJsonString();
        string access = $"{Url("{\"alg\":\"none\"}")}.{Url(payload)}.{Url(Guid.NewGuid().ToString("N"))}";
        string refresh = "refresh-" + Guid.NewGuid().ToString("N");
        _validAccessTokens.Add(access);
        _refreshTokens.Add(refresh);
        IssuedSecrets.Add(access);
        IssuedSecrets.Add(refresh);
        return (access, refresh);
    }

    private FakeResponse CreateRun(JsonNode body)
    {
        if (body["projectIdentifier"]?.GetValue<string>() != _projectId || body["parentId"]?.GetValue<string>() != _projectId || body["type"]?.GetValue<string>() != "run")
            return new FakeResponse(400, "{\"title\":\"bad run request\"}");
        string? custom = body["customId"]?.GetValue<string>();
        if (custom is { Length: > 36 })
            return new FakeResponse(400, "{\"title\":\"customId too long\"}");
        NeptuneRun? run = custom == null ? null : _runs.FirstOrDefault(r => r.CustomId == custom);
        if (run == null)
        {
            run = new NeptuneRun { Id = Guid.NewGuid().ToString("D"), CustomId = custom, ShortId = string.Create(CultureInfo.InvariantCulture, $"PROJ-{_runs.Count + 1}") };
            _runs.Add(run);
        }
        return FakeResponse.Json(new JsonObject { ["id"] = run.Id, ["shortId"] = run.ShortId, ["customId"] = run.CustomId }.ToJsonString());
    }

    private FakeResponse Execute(string runId, JsonArray operations)
    {
        NeptuneRun? run = _runs.FirstOrDefault(r => r.Id == runId);
        if (run == null)
            return new FakeResponse(404, "{\"title\":\"Experiment not found\"}");
        if (operations.Count > 1000)
            return new FakeResponse(400, "{\"title\":\"too many operations\"}");
        var errors = new JsonArray();
        foreach (JsonNode? node in operations)
        {
            JsonObject op = node!.AsObject();
            string path = op["path"]!.GetValue<string>();
            var kinds = op.Where(p => p.Key != "path").ToList();
            if (kinds.Count != 1)
            {
                errors.Add(Err("invalid_operation", $"{path}: exactly one operation expected"));
                continue;
            }
            if (path == RejectPath)
            {
                errors.Add(Err("invalid_attribute_type", $"{path} is refused by this fake"));
                continue;
            }
            var (kind, value) = (kinds[0].Key, kinds[0].Value!);
            run.OperationCount++;
            switch (kind)
            {
                case "assignFloat":
                case "assignInt":
                case "assignBool":
                case "assignString":
                    run.Attributes[path] = value["value"]!.DeepClone();
                    break;
                case "insertStrings":
                    foreach (JsonNode? v in value["values"]!.AsArray())
                        run.Tags.Add(v!.GetValue<string>());
                    break;
                case "logFloats":
                    if (!run.Series.TryGetValue(path, out List<(double Step, double Value)>? series))
                        run.Series[path] = series = [];
                    foreach (JsonNode? entry in value["entries"]!.AsArray())
                    {
                        double step = entry!["step"]!.GetValue<double>();
                        if (series.Count > 0 && step <= series[^1].Step)
                        {
                            errors.Add(Err("metadata_inconsistency", $"{path}: step {step} is not after {series[^1].Step}"));
                            continue;
                        }
                        series.Add((step, entry["value"]!.GetValue<double>()));
                    }
                    break;
                default:
                    errors.Add(Err("invalid_operation", $"{path}: unknown operation {kind}"));
                    break;
            }
        }
        return FakeResponse.Json(errors.ToJsonString());
    }

    private static JsonObject Err(string type, string description) => new() { ["errorType"] = type, ["errorDescription"] = description };
}

internal sealed class NeptuneRun
{
    public required string Id { get; init; }

    public required string? CustomId { get; init; }

    public required string ShortId { get; init; }

    public Dictionary<string, JsonNode> Attributes { get; } = [];

    public Dictionary<string, List<(double Step, double Value)>> Series { get; } = [];

    public HashSet<string> Tags { get; } = [];

    public int OperationCount { get; set; }
}
