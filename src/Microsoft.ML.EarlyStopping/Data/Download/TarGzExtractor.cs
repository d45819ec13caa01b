using System.Formats.Tar;
using System.IO.Compression;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Extracts gzip-compressed tar archives (<c>.tar.gz</c>, <c>.tgz</c>) safely: only regular files and folders are
/// written, every entry must stay inside the target folder, and nothing that existed before is replaced.
/// </summary>
/// <remarks>
/// Entries are refused, with a <see cref="TarGzExtractionException"/> naming them, when their name is absolute or
/// contains <c>..</c>, when they are symbolic or hard links, devices or FIFOs, or when writing them would go through
/// a link already in the target or replace a file that was there before. File permissions, owners and times in the
/// archive are ignored. On any failure, including cancellation, the files and folders this call created are removed
/// again, so a failed extraction leaves the target as it found it.
/// </remarks>
public static class TarGzExtractor
{
    private const long ProgressStep = 1 << 20;

    /// <summary>Extracts <paramref name="archivePath"/> into <paramref name="targetDirectory"/>, creating it if needed.</summary>
    /// <param name="archivePath">The <c>.tar.gz</c> file to read.</param>
    /// <param name="targetDirectory">The folder to extract into; it may exist and hold other files, which are left alone.</param>
    /// <param name="progress">Receives the number of compressed archive bytes read so far; the last report equals the archive's size.</param>
    /// <param name="cancellationToken">Stops the extraction between and within entries; what was written is then removed.</param>
    /// <returns>How many files and folders were written.</returns>
    /// <exception cref="FileNotFoundException">The archive does not exist.</exception>
    /// <exception cref="TarGzExtractionException">The archive is not gzip, is corrupt or truncated, or holds an unsafe entry.</exception>
    public static TarGzExtractionSummary Extract(
        string archivePath, string targetDirectory, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(archivePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetDirectory);
        string archive = Path.GetFullPath(archivePath);
        if (!File.Exists(archive))
        {
            throw new FileNotFoundException($"The archive '{archive}' does not exist.", archive);
        }

        using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        RequireGzipHeader(file, archive);
        cancellationToken.ThrowIfCancellationRequested();

        var target = new ExtractionTarget(targetDirectory);
        try
        {
            ExtractEntries(file, archive, target, progress, cancellationToken);
            progress?.Report(file.Length);
            return target.Summary;
        }
        catch
        {
            target.Rollback();
            throw;
        }
    }

    private static void ExtractEntries(
        FileStream file, string archive, ExtractionTarget target, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        string? lastEntry = null;
        long lastReported = 0;
        try
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            using var reader = new TarReader(gzip, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? problem = ExtractEntry(entry, target, cancellationToken);
                if (problem is not null)
                {
                    throw new TarGzExtractionException(
                        $"The archive '{archive}' holds an entry that is not extracted, so nothing was extracted: '{entry.Name}' {problem}.",
                        archive, entry.Name, innerException: null);
                }

                lastEntry = entry.Name;
                if (progress is not null && file.Position - lastReported >= ProgressStep)
                {
                    lastReported = file.Position;
                    progress.Report(lastReported);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            string where = lastEntry is null ? "before its first entry" : $"after the entry '{lastEntry}'";
            throw new TarGzExtractionException(
                $"The archive '{archive}' is truncated or corrupt ({where}): {ex.Message}", archive, entryName: null, ex);
        }
    }

    private static string? ExtractEntry(TarEntry entry, ExtractionTarget target, CancellationToken cancellationToken)
    {
        TarEntryKind kind = SafeTarEntryType.Classify(entry, out string? typeProblem);
        if (kind != TarEntryKind.File && kind != TarEntryKind.Directory)
        {
            return typeProblem; // null for metadata entries, which carry nothing to write.
        }

        string? pathProblem = SafeTarEntryPath.TryResolve(target.Root, entry.Name, out string fullPath);
        if (pathProblem is not null)
        {
            return pathProblem;
        }

        if (entry.EntryType == TarEntryType.Directory)
        {
            return target.EnsureDirectory(fullPath);
        }

        return string.Equals(fullPath, target.Root, StringComparison.Ordinal)
            ? "names the target folder itself but is a file"
            : target.WriteFile(fullPath, entry.DataStream, cancellationToken);
    }

    private static void RequireGzipHeader(FileStream file, string archive)
    {
        string? problem = GzipHeader.FindProblem(file);
        if (problem is not null)
        {
            throw new TarGzExtractionException(
                $"The archive '{archive}' is not gzip-compressed ({problem}). Expected a .tar.gz file.",
                archive, entryName: null, innerException: null);
        }
    }
}
