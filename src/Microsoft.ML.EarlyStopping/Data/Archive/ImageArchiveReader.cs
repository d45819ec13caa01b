using System.Formats.Tar;
using System.IO.Compression;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Reads a <c>.tar.gz</c> archive once, front to back, without writing anything to disk: refuses unsafe entries,
/// hands each image entry to a <see cref="ParallelImageDecoder"/> as it comes, keeps the files of a
/// <c>cifar-10-batches-bin</c> folder, and records which folders exist. The layout is decided afterwards.
/// </summary>
internal static class ImageArchiveReader
{
    /// <summary>The folder macOS's archivers add for resource forks; never data.</summary>
    private const string MacOsMetadataFolder = "__MACOSX";

    public static ArchiveListing Read(string archive, ImageArchiveOptions options)
    {
        using var file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        string? notGzip = GzipHeader.FindProblem(file);
        if (notGzip is not null)
        {
            throw new CifarArchiveException(
                $"The archive '{archive}' is not gzip-compressed ({notGzip}). Expected a .tar.gz file.", archive, entryName: null, innerException: null);
        }

        var listing = new ArchiveListing(archive);
        var reader = new EntryReader(listing, options);
        int workers = options.MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        using var decoder = new ParallelImageDecoder(workers);
        string? previous = null;
        string? current = null;
        try
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            // Over a stream that cannot seek, TarReader fails when the data stops, even between two entries; and
            // GZipStream does not notice a cut-off file itself.
            using var tar = new TarReader(gzip, leaveOpen: true);
            while (tar.GetNextEntry(copyData: false) is { } entry)
            {
                current = entry.Name;
                reader.Read(entry, decoder);
                previous = current;
                current = null;
            }

            // Reading the gzip stream to its end makes it check the CRC in its trailer.
            gzip.CopyTo(Stream.Null);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException)
        {
            string where = current is not null ? $"while reading the entry '{current}'"
                : previous is null ? "before its first entry"
                : $"after the entry '{previous}'";
            throw new CifarArchiveException(
                $"The archive '{archive}' is truncated or corrupt ({where}): {ex.Message} Expected a complete gzip-compressed tar file.",
                archive, current, ex);
        }

        decoder.Complete();
        return listing;
    }

    /// <summary>Dot-named entries (._name from macOS tar, .DS_Store, .git) and <c>__MACOSX</c> are tool metadata, never data.</summary>
    public static bool IsIgnored(string[] segments) =>
        segments.Any(segment => segment.StartsWith('.') || segment == MacOsMetadataFolder);

    /// <summary>Handles the entries one at a time, applying the per-folder image limit.</summary>
    private sealed class EntryReader(ArchiveListing listing, ImageArchiveOptions options)
    {
        private readonly Dictionary<string, HashSet<string>> _imagesPerFolder = new(StringComparer.Ordinal);

        public void Read(TarEntry entry, ParallelImageDecoder decoder)
        {
            TarEntryKind kind = SafeTarEntryType.Classify(entry, out string? typeProblem);
            if (kind == TarEntryKind.Refused)
            {
                throw Unsafe(entry, typeProblem!);
            }

            if (kind == TarEntryKind.Metadata)
            {
                return;
            }

            string? nameProblem = SafeTarEntryPath.FindNameProblem(entry.Name, out string[] segments);
            if (nameProblem is not null)
            {
                throw Unsafe(entry, nameProblem);
            }

            if (segments.Length == 0 || IsIgnored(segments))
            {
                return;
            }

            if (kind == TarEntryKind.Directory)
            {
                if (segments[^1] != CifarBinaryFolder.ExtractedFolderName)
                {
                    listing.AddFolder(segments);
                }

                return;
            }

            string[] folder = segments[..^1];
            if (folder.Length > 0 && folder[^1] == CifarBinaryFolder.ExtractedFolderName)
            {
                ReadBinaryFile(entry, folder, segments[^1]);
                return;
            }

            listing.AddFolder(folder);
            string folderPath = ArchiveListing.Join(folder, folder.Length);
            if (!IsImage(segments[^1]))
            {
                listing.OtherFiles[folderPath] = listing.OtherFiles.GetValueOrDefault(folderPath) + 1;
                return;
            }

            // Files directly at the root belong to no class folder, in any layout.
            if (folder.Length == 0 || OverLimit(folderPath, segments[^1]))
            {
                return;
            }

            var image = new ArchiveImage(entry.Name, segments, ReadContent(entry));
            listing.Images[ArchiveListing.Join(segments, segments.Length)] = image;
            decoder.Add(image);
        }

        private bool OverLimit(string folderPath, string fileName)
        {
            if (options.MaxImagesPerClass is not int max)
            {
                return false;
            }

            if (!_imagesPerFolder.TryGetValue(folderPath, out HashSet<string>? names))
            {
                names = new HashSet<string>(StringComparer.Ordinal);
                _imagesPerFolder[folderPath] = names;
            }

            // A repeated name replaces the earlier entry (tar semantics), so it takes no new place.
            if (!names.Contains(fileName) && names.Count >= max)
            {
                return true;
            }

            names.Add(fileName);
            return false;
        }

        private void ReadBinaryFile(TarEntry entry, string[] folder, string fileName)
        {
            string folderPath = ArchiveListing.Join(folder, folder.Length);
            if (listing.BinaryFolder is null)
            {
                listing.BinaryFolder = folderPath;
            }
            else if (listing.BinaryFolder != folderPath)
            {
                throw new CifarArchiveException(
                    $"The archive '{listing.ArchivePath}' holds two {CifarBinaryFolder.ExtractedFolderName} folders, '{listing.BinaryFolder}' " +
                    $"and '{folderPath}'; expected one.", listing.ArchivePath, entry.Name, innerException: null);
            }

            bool isBatch = fileName == CifarBinaryFolder.TestFileName
                || Enumerable.Range(1, CifarBinaryFolder.TrainBatchCount).Any(batch => fileName == CifarBinaryFolder.TrainFileName(batch));
            if (isBatch)
            {
                try
                {
                    CifarBinaryReader.CheckLength(BinaryArchiveSplits.EntrySource(listing.ArchivePath, entry.Name), entry.Length);
                }
                catch (InvalidDataException e)
                {
                    throw new CifarArchiveException(e.Message, listing.ArchivePath, entry.Name, e);
                }
            }
            else if (fileName != CifarBinaryFolder.MetaFileName)
            {
                return; // readme.html and the like.
            }

            listing.BinaryFiles[fileName] = new ArchiveFile(entry.Name, ReadContent(entry));
        }

        private byte[] ReadContent(TarEntry entry)
        {
            if (entry.Length > Array.MaxLength)
            {
                throw new CifarArchiveException(
                    $"The entry '{entry.Name}' of the archive '{listing.ArchivePath}' is {entry.Length} bytes long, more than one array can hold.",
                    listing.ArchivePath, entry.Name, innerException: null);
            }

            var content = new byte[entry.Length];
            entry.DataStream?.ReadExactly(content);
            return content;
        }

        private CifarArchiveException Unsafe(TarEntry entry, string problem) => new(
            $"The archive '{listing.ArchivePath}' is refused because of its entry '{entry.Name}', which {problem}. " +
            "Nothing is written to disk when reading an archive, but an archive holding such an entry is suspect.",
            listing.ArchivePath, entry.Name, innerException: null);

        private static bool IsImage(string fileName) =>
            ImageFolderScanner.SupportedExtensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase);
    }
}
