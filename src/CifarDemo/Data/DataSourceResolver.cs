using Microsoft.ML;
using Microsoft.ML.EarlyStopping.Data;

namespace CifarDemo.Data;

/// <summary>
/// Turns the --data argument into loaded splits: no argument downloads CIFAR-10 into the cache; a folder is read as
/// the official binary files, an image root with train/ (and optional val/ and test/), or a folder of class folders;
/// a .tar.gz of any of these is read straight from the archive. The only class that knows where data comes from.
/// </summary>
internal sealed class DataSourceResolver
{
    private readonly MLContext _mlContext;
    private readonly string _cacheDirectory;
    private readonly ImageFolderOptions _imageOptions;
    private readonly Action<DataProgress>? _progress;

    /// <param name="mlContext">The context the data views belong to.</param>
    /// <param name="cacheDirectory">Where downloads and extracted archives are kept.</param>
    /// <param name="imageOptions">How image folders are checked.</param>
    /// <param name="progress">Receives download and extraction progress.</param>
    public DataSourceResolver(MLContext mlContext, string cacheDirectory, ImageFolderOptions imageOptions, Action<DataProgress>? progress)
    {
        _mlContext = mlContext;
        _cacheDirectory = Path.GetFullPath(cacheDirectory);
        _imageOptions = imageOptions;
        _progress = progress;
    }

    /// <summary>Loads the data named by <paramref name="dataPath"/>, or the downloaded CIFAR-10 when it is null.</summary>
    /// <exception cref="DemoDataException">The path does not exist or is neither a folder nor a .tar.gz.</exception>
    public LoadedData Load(string? dataPath, CancellationToken cancellationToken)
    {
        if (dataPath is null)
        {
            string folder;
            try
            {
                folder = Download(cancellationToken);
            }
            catch (CifarDownloadException ex) when (ex.Failure is CifarDownloadFailure.Network or CifarDownloadFailure.Timeout && File.Exists(OfflineCopy))
            {
                // Build and CI machines of this project have no internet but keep a copy of the data beside the repository.
                _progress?.Invoke(new DataProgress("Offline: using the local copy " + OfflineCopy, null));
                LoadedData local = LoadArchive(Path.GetFullPath(OfflineCopy), cancellationToken);
                return local with { Description = $"the download failed ({ex.Failure}), so the local copy was used: {local.Description}" };
            }
            return LoadFolder(folder, $"CIFAR-10 binary files, downloaded and verified ({folder})");
        }

        string full = Path.GetFullPath(dataPath);
        if (Directory.Exists(full))
            return LoadFolder(full, full);
        if (File.Exists(full))
        {
            if (!IsTarGz(full))
                throw new DemoDataException($"--data '{dataPath}' is a file but not a .tar.gz archive; give a folder or a .tar.gz.");
            return LoadArchive(full, cancellationToken);
        }
        throw new DemoDataException($"--data '{dataPath}' does not exist (looked for '{full}').");
    }

    /// <summary>
    /// Where a machine without internet may keep CIFAR-10 (relative to the working directory, i.e. the repository root
    /// for <c>dotnet run --project src/CifarDemo</c>): used when the default download fails for lack of a network.
    /// </summary>
    public static string OfflineCopy { get; } = Path.Combine("..", "shared", "data", "cifar10-train-jpg.tar.gz");

    /// <summary>Returns the cached CIFAR-10 binary folder, downloading it first when needed.</summary>
    public string Download(CancellationToken cancellationToken)
    {
        var options = new CifarDownloadOptions
        {
            CacheDirectory = _cacheDirectory,
            Progress = _progress is null ? null : new SyncProgress<DownloadProgress>(p => _progress(new DataProgress(Describe(p.Phase), p.Fraction))),
        };
        return CifarDownloader.Download(options, cancellationToken);
    }

    public static bool IsTarGz(string path) =>
        path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    // Reads the images (or binary batches) straight out of the archive: no 50,000 files written to disk.
    private LoadedData LoadArchive(string archive, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _progress?.Invoke(new DataProgress("Reading the archive", null));
        CifarArchiveContents contents = CifarData.LoadImageArchive(
            _mlContext, archive, new ImageArchiveOptions { SkipCorruptImages = _imageOptions.SkipCorruptImages });
        IReadOnlyDictionary<string, CifarDataSet> splits = contents.Splits;
        CifarDataSet? train = splits.GetValueOrDefault(CifarArchiveContents.TrainSplit) ?? splits.GetValueOrDefault(CifarArchiveContents.RootSplit);
        if (train is null)
        {
            throw new DemoDataException(
                $"--data '{archive}' has no training images: expected class folders at its root or under train/, found splits " +
                $"{string.Join(", ", splits.Keys.Select(k => k.Length == 0 ? "(root)" : k + "/"))}.");
        }
        CifarDataSet? validation = splits.GetValueOrDefault("val") ?? splits.GetValueOrDefault("validation");
        CifarDataSet? test = splits.GetValueOrDefault(CifarArchiveContents.TestSplit);
        string kind = contents.Format == CifarArchiveFormat.Binary ? "CIFAR-10 binary files" : "image folders";
        string names = string.Join(", ", splits.Keys.Select(k => k.Length == 0 ? "class folders at the root" : k + "/"));
        return new LoadedData(train, validation, test, $"{archive}: {kind} read from the archive ({names})");
    }

    private LoadedData LoadFolder(string folder, string description)
    {
        DataFolderLayout layout = DataFolderLayout.Detect(folder);
        _progress?.Invoke(new DataProgress("Reading the data", null));
        switch (layout.Kind)
        {
            case DataFolderKind.Binary:
                CifarDataSet train = CifarData.LoadBinary(_mlContext, layout.Root, CifarSplit.Train);
                CifarDataSet? test = File.Exists(Path.Combine(layout.Root, DataFolderLayout.TestBatchFileName))
                    ? CifarData.LoadBinary(_mlContext, layout.Root, CifarSplit.Test)
                    : null;
                return new LoadedData(train, null, test, $"{description}: CIFAR-10 binary files");
            case DataFolderKind.ImageSplits:
                return new LoadedData(
                    LoadImages(layout.TrainFolder!),
                    layout.ValidationFolder is null ? null : LoadImages(layout.ValidationFolder),
                    layout.TestFolder is null ? null : LoadImages(layout.TestFolder),
                    $"{description}: image folders ({string.Join(", ", SplitNames(layout))})");
            default:
                return new LoadedData(LoadImages(layout.Root), null, null, $"{description}: image folders, one per class");
        }
    }

    private CifarDataSet LoadImages(string folder) => CifarData.LoadImageFolder(_mlContext, folder, _imageOptions);

    private static IEnumerable<string> SplitNames(DataFolderLayout layout)
    {
        yield return "train/";
        if (layout.ValidationFolder is not null)
            yield return Path.GetFileName(layout.ValidationFolder) + "/";
        if (layout.TestFolder is not null)
            yield return "test/";
    }

    private static string Describe(DownloadPhase phase) => phase switch
    {
        DownloadPhase.Downloading => "Downloading CIFAR-10",
        DownloadPhase.Verifying => "Verifying the download",
        DownloadPhase.Extracting => "Extracting CIFAR-10",
        DownloadPhase.Cached => "Using the cached CIFAR-10",
        _ => "CIFAR-10 is ready",
    };
}
