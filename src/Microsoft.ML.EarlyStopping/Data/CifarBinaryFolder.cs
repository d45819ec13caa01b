namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Finds the files of a split in an extracted CIFAR-10 binary distribution.</summary>
internal static class CifarBinaryFolder
{
    public const string ExtractedFolderName = "cifar-10-batches-bin";

    public const string MetaFileName = "batches.meta.txt";

    public const string TestFileName = "test_batch.bin";

    public const int TrainBatchCount = 5;

    public static string TrainFileName(int batch) => $"data_batch_{batch}.bin";

    /// <summary>
    /// Returns the folder holding the .bin files: <paramref name="directory"/> itself, or its
    /// <c>cifar-10-batches-bin</c> sub-folder when <paramref name="directory"/> holds no CIFAR files (the archive's parent).
    /// </summary>
    public static string Resolve(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string full = Path.GetFullPath(directory);
        if (File.Exists(full))
        {
            throw new ArgumentException(
                $"'{full}' is a file; pass the folder holding the CIFAR-10 .bin files, or use the overload of " +
                $"{nameof(CifarData)}.{nameof(CifarData.LoadBinary)} that takes a list of .bin files.",
                nameof(directory));
        }

        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"The CIFAR-10 binary folder '{full}' does not exist.");
        }

        string nested = Path.Combine(full, ExtractedFolderName);
        return !HoldsCifarFiles(full) && Directory.Exists(nested) ? nested : full;
    }

    /// <summary>The files of <paramref name="split"/> in <paramref name="folder"/>, in batch order.</summary>
    public static IReadOnlyList<string> SplitFiles(string folder, CifarSplit split) => split switch
    {
        CifarSplit.Train => TrainFiles(folder),
        CifarSplit.Test => [RequireFile(folder, TestFileName, "the test split")],
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Expected CifarSplit.Train or CifarSplit.Test."),
    };

    private static List<string> TrainFiles(string folder)
    {
        int last = Enumerable.Range(1, TrainBatchCount).LastOrDefault(batch => File.Exists(Path.Combine(folder, TrainFileName(batch))));
        if (last == 0)
        {
            RequireFile(folder, TrainFileName(1), "the training split");
        }

        // A missing batch in the middle means a partial copy: reading the rest would silently train on less data.
        return Enumerable.Range(1, last)
            .Select(batch => RequireFile(folder, TrainFileName(batch), $"the training split (data_batch_{last}.bin is present)"))
            .ToList();
    }

    private static string RequireFile(string folder, string fileName, string neededFor)
    {
        string path = Path.Combine(folder, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The CIFAR-10 file '{fileName}' needed for {neededFor} is missing from '{folder}'.", path);
        }

        return path;
    }

    private static bool HoldsCifarFiles(string folder) =>
        File.Exists(Path.Combine(folder, MetaFileName))
        || File.Exists(Path.Combine(folder, TestFileName))
        || Enumerable.Range(1, TrainBatchCount).Any(batch => File.Exists(Path.Combine(folder, TrainFileName(batch))));
}
