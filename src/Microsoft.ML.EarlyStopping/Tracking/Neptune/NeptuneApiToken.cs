using System.Text;
using System.Text.Json;

namespace Microsoft.ML.EarlyStopping.Tracking.Neptune;

/// <summary>
/// A Neptune API token: standard Base64 of UTF-8 JSON <c>{"api_address", "api_url", "api_key"}</c>. The server address is
/// <c>api_url</c> when present, else <c>api_address</c>, with <c>https://</c> added when it has no scheme. The token,
/// its JSON and its key are registered as secrets as soon as it is parsed.
/// </summary>
internal sealed record NeptuneApiToken(string Raw, Uri Address, string? ApiKey)
{
    /// <exception cref="ArgumentException">The token is not Base64 JSON with an api_address; the message never contains the token.</exception>
    public static NeptuneApiToken Parse(string raw)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(raw);
        raw = raw.Trim();
        SecretRedactor.Register(raw);
        string json;
        try
        {
            json = Encoding.UTF8.GetString(Convert.FromBase64String(raw));
        }
        catch (FormatException)
        {
            throw new ArgumentException("The Neptune API token (NEPTUNE_API_TOKEN) is not Base64: copy it again from your Neptune server's user menu.", nameof(raw));
        }
        SecretRedactor.Register(json);
        string? address, url, key;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            address = Read(root, "api_address");
            url = Read(root, "api_url");
            key = Read(root, "api_key");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new ArgumentException("The Neptune API token (NEPTUNE_API_TOKEN) does not decode to JSON: copy it again from your Neptune server.", nameof(raw));
        }
        SecretRedactor.Register(key);
        string? server = url ?? address;
        if (string.IsNullOrWhiteSpace(address) || string.IsNullOrWhiteSpace(server))
            throw new ArgumentException("The Neptune API token (NEPTUNE_API_TOKEN) has no api_address.", nameof(raw));
        if (!server.Contains("://", StringComparison.Ordinal))
            server = "https://" + server;
        if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("The Neptune API token's server address is not an http(s) address.", nameof(raw));
        return new NeptuneApiToken(raw, uri, key);
    }

    /// <summary>Never shows the token.</summary>
    public override string ToString() => $"Neptune API token for {Address}";

    private static string? Read(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
