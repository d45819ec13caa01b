namespace CifarDemo.Data;

/// <summary>Recognises the layout of a data folder and names its parts.</summary>
internal sealed record DataFolderLayout(DataFolderKind Kind, string Root, string? TrainFolder, string? ValidationFolder, string? TestFolder)
{
    public const string BinaryFolderName = "cifar-10-batches-bin";
    public const string TestBatchFileName = "test_batch.bin";

    /// <summary>Names tried, in order, for the validation split of an image root.</summary>
    public static readonly string[] ValidationFolderNames = ["val", "validation"];

    /// <summary>Looks at <paramref name="folder"/> (which must exist) and says what it holds; reads no image.</summary>
    public static DataFolderLayout Detect(string folder)
    {
        string root = Path.GetFullPath(folder);
        if (HasBinaryBatches(root))
            return new DataFolderLayout(DataFolderKind.Binary, root, null, null, null);
        string nested = Path.Combine(root, BinaryFolderName);
        if (Directory.Exists(nested) && HasBinaryBatches(nested))
            return new DataFolderLayout(DataFolderKind.Binary, nested, null, null, null);

        string train = Path.Combine(root, "train");
        if (Directory.Exists(train))
        {
            string? validation = ValidationFolderNames.Select(name => Path.Combine(root, name)).FirstOrDefault(Directory.Exists);
            string test = Path.Combine(root, "test");
            return new DataFolderLayout(DataFolderKind.ImageSplits, root, train, validation, Directory.Exists(test) ? test : null);
        }
        return new DataFolderLayout(DataFolderKind.ImageClasses, root, root, null, null);
    }

    /// <summary>
    /// The folder an extracted archive's data starts in: the extraction folder itself, or, while it holds nothing but
    /// one folder (archives often wrap everything in one), that folder.
    /// </summary>
    public static string UnwrapSingleFolder(string folder)
    {
        string current = folder;
        while (true)
        {
            if (Detect(current).Kind != DataFolderKind.ImageClasses)
                return current;
            string[] entries = Directory.EnumerateFileSystemEntries(current)
                .Where(e => !Path.GetFileName(e).StartsWith('.'))
                .ToArray();
            if (entries.Length != 1 || !Directory.Exists(entries[0]))
                return current;
            current = entries[0];
        }
    }

    private static bool HasBinaryBatches(string folder) =>
        File.Exists(Path.Combine(folder, "data_batch_1.bin")) || File.Exists(Path.Combine(folder, TestBatchFileName));
}
