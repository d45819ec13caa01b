namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// What <see cref="ImageArchiveReader"/> collected from an archive's entries, before the layout is decided: the
/// images (decoded by then), every folder that exists, the other files, and the entries of a binary CIFAR folder.
/// Hidden entries and <c>__MACOSX</c> are never recorded.
/// </summary>
internal sealed class ArchiveListing(string archivePath)
{
    /// <summary>The full path of the archive.</summary>
    public string ArchivePath { get; } = archivePath;

    /// <summary>Image entries by their '/'-joined path; a later entry with the same path replaced an earlier one.</summary>
    public Dictionary<string, ArchiveImage> Images { get; } = new(StringComparer.Ordinal);

    /// <summary>Every folder by its '/'-joined path: folder entries and the folders of file entries.</summary>
    public Dictionary<string, string[]> Folders { get; } = new(StringComparer.Ordinal);

    /// <summary>How many files that are not images each folder holds, by the folder's '/'-joined path.</summary>
    public Dictionary<string, int> OtherFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>The '/'-joined path of the <c>cifar-10-batches-bin</c> folder, when the archive has one.</summary>
    public string? BinaryFolder { get; set; }

    /// <summary>The batch and class-name files of <see cref="BinaryFolder"/>, by file name.</summary>
    public Dictionary<string, ArchiveFile> BinaryFiles { get; } = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="segments"/> and every folder above it.</summary>
    public void AddFolder(string[] segments)
    {
        for (int depth = 1; depth <= segments.Length; depth++)
        {
            string path = Join(segments, depth);
            if (!Folders.ContainsKey(path))
            {
                Folders[path] = segments[..depth];
            }
        }
    }

    /// <summary>Joins the first <paramref name="count"/> segments with '/'.</summary>
    public static string Join(string[] segments, int count) => string.Join('/', segments, 0, count);
}
