using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.ML.EarlyStopping.Tracking.Http;

namespace Microsoft.ML.EarlyStopping.Tracking.Neptune;

/// <summary>
/// The Neptune 2.x JSON protocol: discovery (<c>clients/config</c>), API-token exchange for an OAuth access token and its
/// refresh (OpenID <c>refresh_token</c> grant, or a new exchange when that fails), project lookup, idempotent run creation
/// with a <c>customId</c>, and <c>attributes/operations</c> batches whose per-operation errors come back inside an HTTP 200.
/// </summary>
internal sealed class NeptuneJsonTransport : INeptuneTransport
{
    private const string TokenHeader = "X-Neptune-Api-Token";
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);
    private readonly NeptuneApiToken _token;
    private readonly TrackingHttpClient _http;
    private readonly SemaphoreSlim _authLock = new(1, 1);
    private Uri? _apiUrl;
    private string? _applicationUrl;
    private NeptuneAccessToken? _access;
    private readonly Dictionary<string, string> _projectIds = new(StringComparer.Ordinal);

    public NeptuneJsonTransport(NeptuneApiToken token, HttpRetryOptions retry, HttpMessageHandler? handler)
    {
        _token = token;
        _http = new TrackingHttpClient($"Neptune at {token.Address}", retry, handler);
    }

    public int MaxOperationsPerRequest => 1000;

    public async Task<NeptuneRunInfo> CreateRunAsync(string project, string customId, Action<string> warn, CancellationToken cancellationToken)
    {
        string projectId = await GetProjectIdAsync(project, warn, cancellationToken).ConfigureAwait(false);
        using HttpResponseMessage response = await SendAuthorizedAsync(HttpMethod.Post, "api/leaderboard/v1/experiments", w =>
        {
            w.WriteString("projectIdentifier", projectId);
            w.WriteString("parentId", projectId);
            w.WriteString("type", "run");
            w.WriteString("cliVersion", "ml-earlystopping-1.0");
            w.WriteString("customId", customId);
        }, "create run", warn, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await FailureAsync(response, "create run", cancellationToken).ConfigureAwait(false);
        using JsonDocument json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        string id = json.RootElement.GetProperty("id").GetString()!;
        string? shortId = json.RootElement.TryGetProperty("shortId", out JsonElement s) ? s.GetString() : null;
        string? url = _applicationUrl != null && shortId != null ? $"{_applicationUrl.TrimEnd('/')}/{project}/e/{shortId}" : null;
        return new NeptuneRunInfo(id, shortId, url);
    }

    public async Task<IReadOnlyList<NeptuneOperationError>> ExecuteAsync(string runId, IReadOnlyList<NeptuneOperation> operations, Action<string> warn, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAuthorizedAsync(HttpMethod.Post,
            "api/leaderboard/v1/attributes/operations?experimentId=" + Uri.EscapeDataString(runId),
            null, "attributes/operations", warn, cancellationToken, array: w => WriteOperations(w, operations)).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await FailureAsync(response, "attributes/operations", cancellationToken).ConfigureAwait(false);
        using JsonDocument json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        var errors = new List<NeptuneOperationError>();
        if (json.RootElement.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement error in json.RootElement.EnumerateArray())
            {
                string type = error.TryGetProperty("errorType", out JsonElement t) ? t.GetString() ?? "unknown" : error.TryGetProperty("type", out t) ? t.GetString() ?? "unknown" : "unknown";
                string description = error.TryGetProperty("errorDescription", out JsonElement d) ? d.GetString() ?? "" : "";
                errors.Add(new NeptuneOperationError(type, SecretRedactor.Redact(description)));
            }
        }
        return errors;
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _authLock.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static void WriteOperations(Utf8JsonWriter w, IReadOnlyList<NeptuneOperation> operations)
    {
        w.WriteStartArray();
        foreach (NeptuneOperation op in operations)
        {
            w.WriteStartObject();
            w.WriteString("path", op.Path);
            switch (op.Kind)
            {
                case NeptuneOperationKind.AssignFloat:
                    w.WriteStartObject("assignFloat");
                    w.WriteNumber("value", op.Number);
                    break;
                case NeptuneOperationKind.AssignInt:
                    w.WriteStartObject("assignInt");
                    w.WriteNumber("value", (long)op.Number);
                    break;
                case NeptuneOperationKind.AssignBool:
                    w.WriteStartObject("assignBool");
                    w.WriteBoolean("value", op.Flag);
                    break;
                case NeptuneOperationKind.AssignString:
                    w.WriteStartObject("assignString");
                    w.WriteString("value", op.Text);
                    break;
                case NeptuneOperationKind.LogFloats:
                    w.WriteStartObject("logFloats");
                    w.WriteStartArray("entries");
                    foreach (NeptuneSeriesPoint point in op.Points)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("value", point.Value);
                        w.WriteNumber("step", point.Step);
                        w.WriteNumber("timestampMilliseconds", point.TimestampMilliseconds);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    break;
                case NeptuneOperationKind.InsertStrings:
                    w.WriteStartObject("insertStrings");
                    w.WriteStartArray("values");
                    foreach (string value in op.Values)
                        w.WriteStringValue(value);
                    w.WriteEndArray();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(operations), op.Kind, "Unknown Neptune operation.");
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private async Task<string> GetProjectIdAsync(string project, Action<string> warn, CancellationToken cancellationToken)
    {
        if (_projectIds.TryGetValue(project, out string? known))
            return known;
        using HttpResponseMessage response = await SendAuthorizedAsync(HttpMethod.Get,
            "api/backend/v1/projects/get?projectIdentifier=" + Uri.EscapeDataString(project), null, "project lookup", warn, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new TrackingSinkException(TrackingFailureKind.Fatal, $"Neptune has no project '{project}' (NEPTUNE_PROJECT), or the token cannot see it.");
        if (!response.IsSuccessStatusCode)
            throw await FailureAsync(response, "project lookup", cancellationToken).ConfigureAwait(false);
        using JsonDocument json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        string id = json.RootElement.GetProperty("id").GetString()!;
        _projectIds[project] = id;
        return id;
    }

    /// <summary>Sends with a fresh access token; a 401 drops the token, gets a new one and resends once.</summary>
    private async Task<HttpResponseMessage> SendAuthorizedAsync(
        HttpMethod method, string path, Action<Utf8JsonWriter>? body, string operation, Action<string> warn, CancellationToken cancellationToken,
        Action<Utf8JsonWriter>? array = null)
    {
        byte[]? content = body != null ? Json(w => { w.WriteStartObject(); body(w); w.WriteEndObject(); }) : array != null ? Json(array) : null;
        for (int attempt = 0; ; attempt++)
        {
            NeptuneAccessToken access = await GetAccessTokenAsync(warn, cancellationToken, forceNew: attempt > 0).ConfigureAwait(false);
            Uri uri = new(_apiUrl!, path);
            HttpResponseMessage response = await _http.SendAsync(() =>
            {
                var request = new HttpRequestMessage(method, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access.AccessToken);
                if (content != null)
                    request.Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
                return request;
            }, operation, warn, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 0)
                return response;
            response.Dispose();
            _access = null;
        }
    }

    private async Task<NeptuneAccessToken> GetAccessTokenAsync(Action<string> warn, CancellationToken cancellationToken, bool forceNew)
    {
        await _authLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_apiUrl == null)
                await DiscoverAsync(warn, cancellationToken).ConfigureAwait(false);
            if (_access != null && !forceNew && _access.Expires - DateTimeOffset.UtcNow > RefreshMargin)
                return _access;
            if (_access != null && !forceNew && await RefreshAsync(_access, warn, cancellationToken).ConfigureAwait(false) is NeptuneAccessToken refreshed)
                return _access = refreshed;
            return _access = await ExchangeAsync(warn, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _authLock.Release();
        }
    }

    private async Task DiscoverAsync(Action<string> warn, CancellationToken cancellationToken)
    {
        Uri uri = new(_token.Address, "api/backend/v1/clients/config?alpha=true");
        using HttpResponseMessage response = await _http.SendAsync(() => WithToken(new HttpRequestMessage(HttpMethod.Get, uri)), "discovery (clients/config)", warn, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new TrackingSinkException(TrackingFailureKind.Fatal, $"Neptune at {_token.Address} refused the API token (HTTP {(int)response.StatusCode}): check NEPTUNE_API_TOKEN.");
        if (!response.IsSuccessStatusCode)
            throw await FailureAsync(response, "discovery (clients/config)", cancellationToken).ConfigureAwait(false);
        using JsonDocument json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        string? api = json.RootElement.TryGetProperty("apiUrl", out JsonElement a) ? a.GetString() : null;
        _apiUrl = new Uri((api ?? _token.Address.ToString()).TrimEnd('/') + "/");
        _applicationUrl = json.RootElement.TryGetProperty("applicationUrl", out JsonElement app) ? app.GetString() : null;
    }

    private async Task<NeptuneAccessToken> ExchangeAsync(Action<string> warn, CancellationToken cancellationToken)
    {
        Uri uri = new(_apiUrl!, "api/backend/v1/authorization/oauth-token");
        using HttpResponseMessage response = await _http.SendAsync(() => WithToken(new HttpRequestMessage(HttpMethod.Get, uri)), "token exchange", warn, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new TrackingSinkException(TrackingFailureKind.Fatal, $"Neptune refused the API token (HTTP {(int)response.StatusCode}): check NEPTUNE_API_TOKEN.");
        if (!response.IsSuccessStatusCode)
            throw await FailureAsync(response, "token exchange", cancellationToken).ConfigureAwait(false);
        using JsonDocument json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        string access = json.RootElement.GetProperty("accessToken").GetString()!;
        string? refresh = json.RootElement.TryGetProperty("refreshToken", out JsonElement r) ? r.GetString() : null;
        return NeptuneAccessToken.FromJwt(access, refresh);
    }

    /// <summary>The OpenID refresh_token grant at the token's issuer; null when it cannot be done or fails (then the API token is exchanged again).</summary>
    private async Task<NeptuneAccessToken?> RefreshAsync(NeptuneAccessToken current, Action<string> warn, CancellationToken cancellationToken)
    {
        if (current.RefreshToken == null || current.Issuer == null || current.ClientId == null)
            return null;
        Uri uri = new(current.Issuer.ToString().TrimEnd('/') + "/protocol/openid-connect/token");
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = current.RefreshToken,
                    ["client_id"] = current.ClientId,
                }),
            }, "token refresh", warn, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return null;
            using JsonDocument json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
            string access = json.RootElement.GetProperty("access_token").GetString()!;
            string? refresh = json.RootElement.TryGetProperty("refresh_token", out JsonElement r) ? r.GetString() : current.RefreshToken;
            return NeptuneAccessToken.FromJwt(access, refresh);
        }
        catch (Exception ex) when (ex is TrackingSinkException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private HttpRequestMessage WithToken(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation(TokenHeader, _token.Raw);
        return request;
    }

    private static async Task<TrackingSinkException> FailureAsync(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        TrackingSinkException failure = await TrackingHttpClient.FailureAsync(response, "Neptune", operation, cancellationToken).ConfigureAwait(false);
        // 422 is Neptune's "workspace limits reached": no batch will pass until someone acts.
        return response.StatusCode == HttpStatusCode.UnprocessableEntity ? new TrackingSinkException(TrackingFailureKind.Fatal, failure.Message) : failure;
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
            throw new TrackingSinkException(TrackingFailureKind.Rejected, $"Neptune answered with something that is not JSON ({ex.Message}).");
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            write(writer);
        return buffer.ToArray();
    }
}
