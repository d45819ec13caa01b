using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Streams an HTTP download into a new file while computing its MD5, so the archive is read from the network once
/// and never re-read for verification. Network failures become <see cref="CifarDownloadException"/>s with advice;
/// errors writing the local file are left as they are.
/// </summary>
internal static class HttpArchiveFetcher
{
    private const long ProgressStep = 1 << 20;
    private static readonly ProductInfoHeaderValue UserAgent = new("Microsoft.ML.EarlyStopping", "1.0");

    /// <summary>Downloads <paramref name="url"/> into <paramref name="destinationPath"/>, which must not exist.</summary>
    /// <returns>The lowercase hex MD5 of the bytes received and their count.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="CifarDownloadException">The server was unreachable, answered an error, stalled, or the transfer broke.</exception>
    public static async Task<(string Md5, long Length)> FetchAsync(
        HttpClient client, Uri url, string destinationPath, TimeSpan stallTimeout,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        // One token source re-armed before every network wait: it fires only when the server goes quiet for stallTimeout.
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.Add(UserAgent);
        long received = 0;
        long? total = null;

        async Task<T> Network<T>(Func<CancellationToken, Task<T>> operation)
        {
            stall.CancelAfter(stallTimeout);
            try
            {
                return await operation(stall.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                string when = received == 0 && total is null ? "while connecting" : $"after {Count(received)} of {Count(total)} bytes";
                throw Translate(ex, url, stall.IsCancellationRequested, stallTimeout, cancellationToken, when);
            }
        }

        using HttpResponseMessage response = await Network(
            token => client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token)).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CifarDownloadException(
                $"Could not download CIFAR-10 from {url}: the server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}. " +
                CifarDownloadException.LocalDataAdvice,
                CifarDownloadFailure.HttpStatus, url, response.StatusCode, innerException: null);
        }

        total = response.Content.Headers.ContentLength;
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        await using var output = new FileStream(
            destinationPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
        Stream body = await Network(token => response.Content.ReadAsStreamAsync(token)).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            byte[] buffer = new byte[1 << 16];
            long lastReported = 0;
            progress?.Report(new DownloadProgress(DownloadPhase.Downloading, 0, total));
            int read;
            while ((read = await Network(token => body.ReadAsync(buffer, token).AsTask()).ConfigureAwait(false)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                received += read;
                if (progress is not null && received - lastReported >= ProgressStep)
                {
                    lastReported = received;
                    progress.Report(new DownloadProgress(DownloadPhase.Downloading, received, total));
                }
            }
        }

        if (total is { } expected && received != expected)
        {
            throw NetworkFailure(url, $"the connection ended after {Count(received)} of {Count(expected)} bytes", innerException: null);
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new DownloadProgress(DownloadPhase.Downloading, received, total ?? received));
        return (Convert.ToHexStringLower(md5.GetHashAndReset()), received);
    }

    private static Exception Translate(
        Exception ex, Uri url, bool stalled, TimeSpan stallTimeout, CancellationToken cancellationToken, string when)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // The caller's cancellation or its overall timeout: the caller knows which.
            return new OperationCanceledException("The CIFAR-10 download was cancelled.", ex, cancellationToken);
        }

        if (stalled)
        {
            return new CifarDownloadException(
                $"Could not download CIFAR-10 from {url}: nothing arrived for {stallTimeout.TotalSeconds:0.###} s {when}. " +
                CifarDownloadException.LocalDataAdvice,
                CifarDownloadFailure.Timeout, url, statusCode: null, ex);
        }

        if (ex is OperationCanceledException)
        {
            // Raised by the handler itself, e.g. SocketsHttpHandler.ConnectTimeout or an injected client's Timeout.
            return new CifarDownloadException(
                $"Could not download CIFAR-10 from {url}: timed out {when} ({(ex.InnerException ?? ex).Message}). " +
                CifarDownloadException.LocalDataAdvice,
                CifarDownloadFailure.Timeout, url, statusCode: null, ex);
        }

        string reason = (ex as HttpRequestException)?.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"the host name '{url.Host}' could not be resolved; this machine may be offline",
            HttpRequestError.ConnectionError => $"could not connect to {url.Host}:{url.Port} ({ex.Message})",
            HttpRequestError.SecureConnectionError => $"the TLS connection to {url.Host} failed ({ex.Message})",
            _ => $"the transfer failed {when} ({ex.Message})",
        };
        return NetworkFailure(url, reason, ex);
    }

    private static CifarDownloadException NetworkFailure(Uri url, string reason, Exception? innerException) =>
        new($"Could not download CIFAR-10 from {url}: {reason}. " + CifarDownloadException.LocalDataAdvice,
            CifarDownloadFailure.Network, url, statusCode: null, innerException);

    private static string Count(long? bytes) =>
        bytes is { } known ? known.ToString("N0", CultureInfo.InvariantCulture) : "an unknown number of";
}
