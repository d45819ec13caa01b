using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>
/// Removes secrets from every text tracking writes or logs: values registered by the sinks (API tokens, keys, passwords,
/// access tokens as they are issued), credentials in URIs (<c>user:pass@</c>) and bearer tokens. Process-wide, so a message
/// from any sink is cleaned of every other sink's secrets too.
/// </summary>
internal static partial class SecretRedactor
{
    public const string Mask = "***";
    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    /// <summary>Registers a secret; values shorter than 4 characters are ignored (they would mask ordinary text).</summary>
    public static void Register(string? secret)
    {
        if (secret != null && secret.Length >= 4)
            Secrets.TryAdd(secret, 0);
    }

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? string.Empty;
        foreach (string secret in Secrets.Keys)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        text = UriCredentials().Replace(text, "${scheme}://" + Mask + "@");
        return BearerToken().Replace(text, "${scheme} " + Mask);
    }

    /// <summary>The URI without <c>user:pass@</c>.</summary>
    public static string StripCredentials(Uri uri)
    {
        if (string.IsNullOrEmpty(uri.UserInfo))
            return uri.ToString();
        var builder = new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty };
        return builder.Uri.ToString();
    }

    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://[^/\s@""']+@")]
    private static partial Regex UriCredentials();

    [GeneratedRegex(@"(?<scheme>Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex BearerToken();
}
