using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.EarlyStopping.Data;

namespace CifarDemo.Data;

/// <summary>
/// Extracts a .tar.gz once into a cache folder and reuses it while the archive is unchanged (same path, size and
/// modification time). Extraction goes to a temporary folder that becomes the cached copy with one rename, after a
/// marker is written, so an interrupted extraction never looks complete.
/// </summary>
/// <remarks>
/// Unpacking 50,000 small images is bound by file creation (about a minute), which is why the copy is kept. When the
/// library can read image archives directly (CifarData.LoadImageArchive), <see cref="DataSourceResolver"/> stops using this class.
/// </remarks>
internal sealed class ArchiveExtractionCache
{
    public const string MarkerFileName = ".extracted";
    private const string PartialPrefix = ".partial-";

    public ArchiveExtractionCache(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>The folder holding one sub-folder per extracted archive.</summary>
    public string Root { get; }

    /// <summary>The cached folder that <paramref name="archive"/> extracts to (whether or not it exists yet).</summary>
    public string FolderFor(string archive)
    {
        var file = new FileInfo(archive);
        string identity = string.Create(CultureInfo.InvariantCulture, $"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc.Ticks}");
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..16];
        string name = file.Name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) ? file.Name[..^".tar.gz".Length] : Path.GetFileNameWithoutExtension(file.Name);
        return Path.Combine(Root, $"{name}-{key}");
    }

    /// <summary>True when <paramref name="archive"/> has a complete cached copy.</summary>
    public bool IsCached(string archive) => File.Exists(Path.Combine(FolderFor(archive), MarkerFileName));

    /// <summary>Returns the cached copy of <paramref name="archive"/>, extracting it first when there is none.</summary>
    /// <param name="archive">The .tar.gz file.</param>
    /// <param name="progress">Compressed bytes read so far, while extracting.</param>
    /// <param name="cancellationToken">Stops the extraction; nothing is left behind.</param>
    /// <exception cref="TarGzExtractionException">The archive is corrupt, truncated or holds an unsafe entry.</exception>
    public string Extract(string archive, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        string target = FolderFor(archive);
        if (IsCached(archive))
            return target;

        Directory.CreateDirectory(Root);
        string partial = Path.Combine(Root, PartialPrefix + Path.GetRandomFileName());
        try
        {
            TarGzExtractor.Extract(archive, partial, progress, cancellationToken);
            File.WriteAllText(Path.Combine(partial, MarkerFileName), Path.GetFullPath(archive) + Environment.NewLine);
            if (Directory.Exists(target))
                Directory.Delete(target, recursive: true); // an incomplete copy from an older version of the cache
            Directory.Move(partial, target);
        }
        catch (IOException) when (IsCached(archive))
        {
            // Another process published its copy first; use that one.
        }
        finally
        {
            if (Directory.Exists(partial))
                Directory.Delete(partial, recursive: true);
        }
        return target;
    }
}
