using System.Collections.ObjectModel;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// What <see cref="CifarData.LoadImageArchive"/> read from an archive: one <see cref="CifarDataSet"/> per split,
/// each with the columns of the other CIFAR readers.
/// </summary>
public sealed class CifarArchiveContents
{
    /// <summary>The split of the training images: the <c>train</c> folder, or the training batches of a binary archive.</summary>
    public const string TrainSplit = "train";

    /// <summary>The split of the test images: the <c>test</c> folder, or <c>test_batch.bin</c> of a binary archive.</summary>
    public const string TestSplit = "test";

    /// <summary>The only split of an archive whose class folders sit at its root (no split folders).</summary>
    public const string RootSplit = "";

    internal CifarArchiveContents(string archivePath, CifarArchiveFormat format, IDictionary<string, CifarDataSet> splits)
    {
        ArchivePath = archivePath;
        Format = format;
        Splits = new ReadOnlyDictionary<string, CifarDataSet>(new SortedDictionary<string, CifarDataSet>(splits, StringComparer.Ordinal));
    }

    /// <summary>The full path of the archive.</summary>
    public string ArchivePath { get; }

    /// <summary>Whether the archive held image folders or the binary batches.</summary>
    public CifarArchiveFormat Format { get; }

    /// <summary>
    /// The splits by name, in ordinal order of their names: the split folder names (such as <see cref="TrainSplit"/>
    /// and <see cref="TestSplit"/>), or <see cref="RootSplit"/> alone when the class folders are at the archive's root.
    /// Every split of an image archive has the same <see cref="CifarDataSet.ClassNames"/>.
    /// </summary>
    public IReadOnlyDictionary<string, CifarDataSet> Splits { get; }

    /// <summary>Returns the split named <paramref name="split"/>.</summary>
    /// <param name="split">The split name, such as <see cref="TrainSplit"/>.</param>
    /// <exception cref="KeyNotFoundException">The archive has no such split; the message lists the splits it has.</exception>
    public CifarDataSet this[string split]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(split);
            if (Splits.TryGetValue(split, out CifarDataSet? data))
            {
                return data;
            }

            string found = string.Join(", ", Splits.Keys.Select(name => name.Length == 0 ? "'' (class folders at the root)" : $"'{name}'"));
            throw new KeyNotFoundException($"The archive '{ArchivePath}' has no split '{split}'; its splits are: {found}.");
        }
    }
}
