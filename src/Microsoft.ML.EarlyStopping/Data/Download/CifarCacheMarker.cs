using System.Text.Json;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// The record, stored inside a cached <c>cifar-10-batches-bin</c> folder, that the folder came from a verified archive
/// and which files of which sizes it held then; a folder whose files no longer match is downloaded again.
/// </summary>
internal sealed record CifarCacheMarker(Uri Url, string ArchiveMd5, DateTimeOffset CompletedUtc, IReadOnlyDictionary<string, long> Files)
{
    public const string FileName = ".download-complete.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Describes the files currently in <paramref name="dataDirectory"/> (recursively, '/'-separated names).</summary>
    public static CifarCacheMarker Describe(string dataDirectory, Uri url, string archiveMd5)
    {
        var files = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(dataDirectory, path).Replace(Path.DirectorySeparatorChar, '/');
            if (relative != FileName)
            {
                files[relative] = new FileInfo(path).Length;
            }
        }

        return new CifarCacheMarker(url, archiveMd5, DateTimeOffset.UtcNow, files);
    }

    /// <summary>Reads the marker in <paramref name="dataDirectory"/>, or returns <see langword="null"/> when it is missing or unreadable.</summary>
    public static CifarCacheMarker? TryRead(string dataDirectory)
    {
        try
        {
            string json = File.ReadAllText(Path.Combine(dataDirectory, FileName));
            CifarCacheMarker? marker = JsonSerializer.Deserialize<CifarCacheMarker>(json, JsonOptions);
            return marker is { Url: not null, ArchiveMd5: not null, Files: not null } ? marker : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    public void Write(string dataDirectory)
    {
        // Written under a temporary name and renamed, so a crash never leaves a half-written marker.
        string path = Path.Combine(dataDirectory, FileName);
        string temporary = path + ".tmp-" + Path.GetRandomFileName();
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, JsonOptions));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>True when this marker vouches for the archive the caller asked for.</summary>
    public bool IsFor(string? expectedMd5, Uri url) =>
        expectedMd5 is null ? Url == url : string.Equals(ArchiveMd5, expectedMd5, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when every recorded file is still in <paramref name="dataDirectory"/> with its recorded size.</summary>
    public bool MatchesFilesIn(string dataDirectory) =>
        Files.Count > 0 && Files.All(file =>
        {
            var info = new FileInfo(Path.Combine(dataDirectory, file.Key));
            return info.Exists && info.Length == file.Value;
        });
}
