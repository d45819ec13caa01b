using System.Net;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Downloads the CIFAR-10 binary archive into a cache folder, verifies its MD5, extracts it safely and returns the
/// <c>cifar-10-batches-bin</c> folder; later calls reuse the verified copy without touching the network.
/// </summary>
/// <remarks>
/// <para>
/// The archive is streamed to a uniquely named <c>.partial-*</c> file while its MD5 is computed, extracted into a
/// uniquely named <c>.extract-*</c> folder with <see cref="TarGzExtractor"/>, checked to hold
/// <c>cifar-10-batches-bin/batches.meta.txt</c> and at least one <c>.bin</c> batch, marked complete, and only then moved
/// into <c>&lt;cache&gt;/cifar-10-batches-bin</c> with a single rename. A partial download therefore never looks complete,
/// failures and cancellation leave no temporaries behind, and concurrent calls sharing a cache do not corrupt each
/// other: whichever publishes first wins and the others reuse its copy.
/// </para>
/// <para>
/// The cached copy is reused when its completion marker names the expected MD5 (or the same URL when
/// <see cref="CifarDownloadOptions.ExpectedMd5"/> is <see langword="null"/>) and every file it lists still has its recorded size;
/// otherwise the archive is downloaded again and replaces it.
/// </para>
/// </remarks>
public static class CifarDownloader
{
    /// <summary>Returns the cached CIFAR-10 <c>cifar-10-batches-bin</c> folder, downloading it first if needed.</summary>
    /// <param name="options">Where to download from and to; <see langword="null"/> uses the defaults of <see cref="CifarDownloadOptions"/>.</param>
    /// <param name="cancellationToken">Cancels the download; temporaries are removed and <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>The full path of the <c>cifar-10-batches-bin</c> folder.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="CifarDownloadException">The download, verification, extraction or placement failed; see its <see cref="CifarDownloadException.Failure"/>.</exception>
    public static async Task<string> DownloadAsync(CifarDownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CifarDownloadOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var cache = new CifarCache(options.CacheDirectory);
        IProgress<DownloadProgress>? progress = options.Progress;
        if (cache.HasValidCopy(options.ExpectedMd5, options.Url))
        {
            progress?.Report(new DownloadProgress(DownloadPhase.Cached, 0, 0));
            return cache.DataDirectory;
        }

        PrepareCacheFolder(cache, options.Url);
        string partialArchive = cache.NewPartialArchivePath();
        string extractDirectory = cache.NewExtractDirectory();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        HttpClient? ownedClient = options.HttpClient is null ? CreateClient(options.ConnectTimeout) : null;
        try
        {
            (string actualMd5, long length) = await HttpArchiveFetcher.FetchAsync(
                options.HttpClient ?? ownedClient!, options.Url, partialArchive, options.StallTimeout, progress, deadline.Token)
                .ConfigureAwait(false);

            progress?.Report(new DownloadProgress(DownloadPhase.Verifying, length, length));
            if (options.ExpectedMd5 is { } expectedMd5 && !string.Equals(expectedMd5, actualMd5, StringComparison.OrdinalIgnoreCase))
            {
                throw new CifarDownloadException(
                    $"The archive downloaded from {options.Url} is not the expected file: its MD5 is {actualMd5}, but " +
                    $"{expectedMd5.ToLowerInvariant()} was expected ({length:N0} bytes received). The download was deleted. " +
                    "Try again; if you deliberately use a different archive, set CifarDownloadOptions.ExpectedMd5 to its MD5.",
                    CifarDownloadFailure.ChecksumMismatch, options.Url, statusCode: null, innerException: null);
            }

            string extractedData = await Task.Run(
                () => ExtractAndMark(partialArchive, extractDirectory, actualMd5, options.Url, progress, deadline.Token), deadline.Token)
                .ConfigureAwait(false);
            CifarCache.DeleteQuietly(partialArchive);
            Publish(cache, extractedData, options);
            progress?.Report(new DownloadProgress(DownloadPhase.Completed, length, length));
            return cache.DataDirectory;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new CifarDownloadException(
                $"Could not download CIFAR-10 from {options.Url}: it did not finish within CifarDownloadOptions.Timeout " +
                $"({options.Timeout}). " + CifarDownloadException.LocalDataAdvice,
                CifarDownloadFailure.Timeout, options.Url, statusCode: null, ex);
        }
        finally
        {
            ownedClient?.Dispose();
            CifarCache.DeleteQuietly(partialArchive);
            CifarCache.DeleteQuietly(extractDirectory);
        }
    }

    /// <summary>The blocking form of <see cref="DownloadAsync"/>, for console apps and scripts.</summary>
    /// <param name="options">Where to download from and to; <see langword="null"/> uses the defaults.</param>
    /// <param name="cancellationToken">Cancels the download; temporaries are removed and <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>The full path of the <c>cifar-10-batches-bin</c> folder.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="CifarDownloadException">The download, verification, extraction or placement failed.</exception>
    public static string Download(CifarDownloadOptions? options = null, CancellationToken cancellationToken = default) =>
        // Task.Run keeps a caller's synchronization context out of the awaits, so blocking here cannot deadlock.
        Task.Run(() => DownloadAsync(options, cancellationToken), cancellationToken).GetAwaiter().GetResult();

    private static HttpClient CreateClient(TimeSpan connectTimeout) =>
        new(new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            // The archive is itself gzip: a server that adds Content-Encoding must not make us hash decompressed bytes.
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            // Our own deadline and stall timeouts apply; HttpClient's 100 s default would cut a slow but healthy download.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };

    private static void PrepareCacheFolder(CifarCache cache, Uri url)
    {
        try
        {
            Directory.CreateDirectory(cache.Root);
            cache.DeleteAbandonedTemporaries();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CifarDownloadException(
                $"Cannot use the CIFAR-10 cache folder '{cache.Root}': {ex.Message} Set the {CifarDownloadOptions.CacheDirectoryVariable} " +
                $"environment variable or CifarDownloadOptions.CacheDirectory to a writable folder.",
                CifarDownloadFailure.CacheUnavailable, url, statusCode: null, ex);
        }
    }

    private static string ExtractAndMark(
        string archive, string extractDirectory, string archiveMd5, Uri url, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        long archiveLength = new FileInfo(archive).Length;
        progress?.Report(new DownloadProgress(DownloadPhase.Extracting, 0, archiveLength));
        IProgress<long>? extractProgress = progress is null
            ? null
            : new SynchronousProgress<long>(bytes => progress.Report(new DownloadProgress(DownloadPhase.Extracting, bytes, archiveLength)));
        try
        {
            TarGzExtractor.Extract(archive, extractDirectory, extractProgress, cancellationToken);
        }
        catch (TarGzExtractionException ex)
        {
            throw new CifarDownloadException(
                $"The archive downloaded from {url} could not be extracted: {ex.Message}",
                CifarDownloadFailure.InvalidArchive, url, statusCode: null, ex);
        }

        string dataDirectory = Path.Combine(extractDirectory, CifarCache.DataFolderName);
        bool hasMeta = File.Exists(Path.Combine(dataDirectory, "batches.meta.txt"));
        if (!hasMeta || !Directory.EnumerateFiles(dataDirectory, "*.bin").Any())
        {
            throw new CifarDownloadException(
                $"The archive downloaded from {url} is not the CIFAR-10 binary archive: it has no " +
                $"{CifarCache.DataFolderName}/{(hasMeta ? "*.bin data batches" : "batches.meta.txt")}.",
                CifarDownloadFailure.InvalidArchive, url, statusCode: null, innerException: null);
        }

        CifarCacheMarker.Describe(dataDirectory, url, archiveMd5).Write(dataDirectory);
        return dataDirectory;
    }

    private static void Publish(CifarCache cache, string extractedData, CifarDownloadOptions options)
    {
        try
        {
            cache.Publish(extractedData, options.ExpectedMd5, options.Url);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CifarDownloadException(
                $"Could not move the extracted CIFAR-10 data into '{cache.DataDirectory}': {ex.Message} " +
                "Remove that folder or choose another CifarDownloadOptions.CacheDirectory.",
                CifarDownloadFailure.CacheUnavailable, options.Url, statusCode: null, ex);
        }
    }
}
