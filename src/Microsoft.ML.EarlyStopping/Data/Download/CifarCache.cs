namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// The layout of the download cache folder: the published <c>cifar-10-batches-bin</c> folder, the uniquely named
/// temporaries beside it, and the one atomic rename that publishes a finished extraction.
/// </summary>
internal sealed class CifarCache
{
    public const string DataFolderName = "cifar-10-batches-bin";
    private const string PartialPrefix = "cifar-10-binary.tar.gz.partial-";
    private const string ExtractPrefix = ".extract-";
    private const string StalePrefix = ".stale-";
    private const int PublishAttempts = 5;

    // Older than this, a temporary cannot belong to a download that is still running (the default Timeout is 30 minutes).
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromDays(1);

    public CifarCache(string root)
    {
        Root = Path.GetFullPath(root);
        DataDirectory = Path.Combine(Root, DataFolderName);
    }

    public string Root { get; }

    public string DataDirectory { get; }

    public string NewPartialArchivePath() => Path.Combine(Root, PartialPrefix + Path.GetRandomFileName());

    public string NewExtractDirectory() => Path.Combine(Root, ExtractPrefix + Path.GetRandomFileName());

    /// <summary>True when the published folder holds a marker for this archive and all the files it lists.</summary>
    public bool HasValidCopy(string? expectedMd5, Uri url) => IsValidCopy(DataDirectory, expectedMd5, url);

    public static bool IsValidCopy(string dataDirectory, string? expectedMd5, Uri url) =>
        CifarCacheMarker.TryRead(dataDirectory) is { } marker && marker.IsFor(expectedMd5, url) && marker.MatchesFilesIn(dataDirectory);

    /// <summary>
    /// Moves a finished, marked <paramref name="extractedDataDirectory"/> into place with one rename. If another
    /// download published a valid copy first, that copy is kept; an invalid copy in the way is renamed aside and deleted.
    /// </summary>
    /// <returns><see langword="true"/> when this call's folder was published, <see langword="false"/> when another valid copy was kept.</returns>
    public bool Publish(string extractedDataDirectory, string? expectedMd5, Uri url)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Move(extractedDataDirectory, DataDirectory);
                return true;
            }
            catch (IOException) when (attempt < PublishAttempts && (Directory.Exists(DataDirectory) || File.Exists(DataDirectory)))
            {
                if (HasValidCopy(expectedMd5, url))
                {
                    return false;
                }

                MoveAsideAndDelete(DataDirectory);
            }
        }
    }

    /// <summary>Deletes temporaries left by downloads that crashed (long ago) and copies already moved aside.</summary>
    public void DeleteAbandonedTemporaries()
    {
        DateTime cutoff = DateTime.UtcNow - AbandonedAfter;
        foreach (string path in Directory.EnumerateFileSystemEntries(Root))
        {
            string name = Path.GetFileName(path);
            bool abandoned = name.StartsWith(StalePrefix, StringComparison.Ordinal)
                || ((name.StartsWith(PartialPrefix, StringComparison.Ordinal) || name.StartsWith(ExtractPrefix, StringComparison.Ordinal))
                    && File.GetLastWriteTimeUtc(path) < cutoff);
            if (abandoned)
            {
                DeleteQuietly(path);
            }
        }
    }

    /// <summary>Deletes a file or folder if it exists; failures are ignored because this only tidies up.</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    private void MoveAsideAndDelete(string path)
    {
        string aside = Path.Combine(Root, StalePrefix + Path.GetRandomFileName());
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Move(path, aside);
            }
            else
            {
                File.Move(path, aside);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return; // Another download moved it first; the next attempt looks again.
        }

        DeleteQuietly(aside);
    }
}
