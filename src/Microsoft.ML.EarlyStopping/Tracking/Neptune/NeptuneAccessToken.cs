using System.Text;
using System.Text.Json;

namespace Microsoft.ML.EarlyStopping.Tracking.Neptune;

/// <summary>An OAuth access token from a Neptune server, with what its JWT payload says: expiry, issuer (the OpenID realm) and client id.</summary>
internal sealed record NeptuneAccessToken(string AccessToken, string? RefreshToken, DateTimeOffset Expires, Uri? Issuer, string? ClientId)
{
    /// <summary>Reads <c>exp</c>, <c>iss</c> and <c>azp</c> from the token's payload (no signature check: the server checks it).</summary>
    public static NeptuneAccessToken FromJwt(string accessToken, string? refreshToken)
    {
        SecretRedactor.Register(accessToken);
        SecretRedactor.Register(refreshToken);
        DateTimeOffset expires = DateTimeOffset.UtcNow.AddMinutes(5);
        Uri? issuer = null;
        string? client = null;
        string[] parts = accessToken.Split('.');
        if (parts.Length >= 2)
        {
            try
            {
                string payload = parts[1].Replace('-', '+').Replace('_', '/');
                payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
                using JsonDocument json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
                JsonElement root = json.RootElement;
                if (root.TryGetProperty("exp", out JsonElement exp) && exp.TryGetInt64(out long seconds))
                    expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
                if (root.TryGetProperty("iss", out JsonElement iss) && Uri.TryCreate(iss.GetString(), UriKind.Absolute, out Uri? uri))
                    issuer = uri;
                if (root.TryGetProperty("azp", out JsonElement azp))
                    client = azp.GetString();
            }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
            {
                // Not a readable JWT: keep the short default lifetime, so it is exchanged again soon.
            }
        }
        return new NeptuneAccessToken(accessToken, refreshToken, expires, issuer, client);
    }

    /// <summary>Never shows the tokens.</summary>
    public override string ToString() => $"Neptune access token expiring {Expires:O}";
}
