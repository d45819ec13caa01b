using System.Text;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Turns the files of an archive's <c>cifar-10-batches-bin</c> folder into the <c>train</c> and <c>test</c> splits,
/// with the same file rules and checks as <see cref="CifarData.LoadBinary(MLContext, string, CifarSplit)"/>.
/// </summary>
internal static class BinaryArchiveSplits
{
    public static Dictionary<string, CifarDataSet> Build(ArchiveListing listing, ImageArchiveOptions options)
    {
        string archive = listing.ArchivePath;
        (IReadOnlyList<string> classNames, string classNamesSource) = ReadClassNames(listing);
        var splits = new Dictionary<string, CifarDataSet>(StringComparer.Ordinal);

        List<ArchiveFile> train = TrainFiles(listing);
        if (train.Count > 0)
        {
            splits[CifarArchiveContents.TrainSplit] = ToDataSet(listing, train, classNames, classNamesSource, options);
        }

        if (listing.BinaryFiles.TryGetValue(CifarBinaryFolder.TestFileName, out ArchiveFile? test))
        {
            splits[CifarArchiveContents.TestSplit] = ToDataSet(listing, [test], classNames, classNamesSource, options);
        }

        if (splits.Count == 0)
        {
            throw new CifarArchiveException(
                $"The folder '{listing.BinaryFolder}' in the archive '{archive}' holds no CIFAR-10 batches: expected " +
                $"{CifarBinaryFolder.TrainFileName(1)} (to {CifarBinaryFolder.TrainFileName(CifarBinaryFolder.TrainBatchCount)}) or {CifarBinaryFolder.TestFileName}.",
                archive, entryName: null, innerException: null);
        }

        return splits;
    }

    /// <summary>How messages name an entry: "the entry '...' of the archive '...'".</summary>
    public static string EntrySource(string archive, string entryName) => $"the entry '{entryName}' of the archive '{archive}'";

    private static (IReadOnlyList<string> Names, string Source) ReadClassNames(ArchiveListing listing)
    {
        if (!listing.BinaryFiles.TryGetValue(CifarBinaryFolder.MetaFileName, out ArchiveFile? meta))
        {
            return (CifarClassNames.Cifar10, $"the standard CIFAR-10 class list (the archive has no {CifarBinaryFolder.MetaFileName})");
        }

        string source = EntrySource(listing.ArchivePath, meta.EntryName);
        string[] lines = Encoding.UTF8.GetString(meta.Content).Split('\n');
        try
        {
            return (CifarClassNamesFile.Parse(lines, char.ToUpperInvariant(source[0]) + source[1..]), source);
        }
        catch (InvalidDataException e)
        {
            throw new CifarArchiveException(e.Message, listing.ArchivePath, meta.EntryName, e);
        }
    }

    /// <summary>data_batch_1.bin up to the last batch present, refusing a gap as <see cref="CifarBinaryFolder"/> does.</summary>
    private static List<ArchiveFile> TrainFiles(ArchiveListing listing)
    {
        int last = Enumerable.Range(1, CifarBinaryFolder.TrainBatchCount)
            .LastOrDefault(batch => listing.BinaryFiles.ContainsKey(CifarBinaryFolder.TrainFileName(batch)));
        var files = new List<ArchiveFile>();
        for (int batch = 1; batch <= last; batch++)
        {
            if (!listing.BinaryFiles.TryGetValue(CifarBinaryFolder.TrainFileName(batch), out ArchiveFile? file))
            {
                // A missing batch in the middle means a partial copy: reading the rest would silently train on less data.
                throw new CifarArchiveException(
                    $"The folder '{listing.BinaryFolder}' in the archive '{listing.ArchivePath}' lacks {CifarBinaryFolder.TrainFileName(batch)}, " +
                    $"needed for the training split ({CifarBinaryFolder.TrainFileName(last)} is present).",
                    listing.ArchivePath, entryName: null, innerException: null);
            }

            files.Add(file);
        }

        return files;
    }

    private static CifarDataSet ToDataSet(
        ArchiveListing listing, IReadOnlyList<ArchiveFile> files, IReadOnlyList<string> classNames, string classNamesSource, ImageArchiveOptions options)
    {
        foreach (ArchiveFile file in files)
        {
            try
            {
                CifarBinaryReader.CheckLabels(EntrySource(listing.ArchivePath, file.EntryName), file.Content, classNames, classNamesSource);
            }
            catch (InvalidDataException e)
            {
                throw new CifarArchiveException(e.Message, listing.ArchivePath, file.EntryName, e);
            }
        }

        long total = files.Sum(file => (long)file.Content.Length);
        if (total > Array.MaxLength)
        {
            throw new CifarArchiveException(
                $"The {files.Count} CIFAR-10 batches in the archive '{listing.ArchivePath}' hold {total} bytes, more than one array can hold.",
                listing.ArchivePath, entryName: null, innerException: null);
        }

        byte[] records = options.MaxImagesPerClass is int max
            ? FirstRecordsPerLabel(files, max)
            : files.Count == 1 ? files[0].Content : Concatenate(files, (int)total);
        var view = new CifarBinaryDataView(records, classNames);
        return new CifarDataSet(view, classNames, view.RowCount, []);
    }

    private static byte[] Concatenate(IReadOnlyList<ArchiveFile> files, int total)
    {
        var records = new byte[total];
        int offset = 0;
        foreach (ArchiveFile file in files)
        {
            file.Content.CopyTo(records, offset);
            offset += file.Content.Length;
        }

        return records;
    }

    private static byte[] FirstRecordsPerLabel(IReadOnlyList<ArchiveFile> files, int max)
    {
        var perLabel = new int[256];
        using var kept = new MemoryStream();
        foreach (ArchiveFile file in files)
        {
            for (int at = 0; at < file.Content.Length; at += CifarImageLayout.RecordLength)
            {
                if (perLabel[file.Content[at]]++ < max)
                {
                    kept.Write(file.Content, at, CifarImageLayout.RecordLength);
                }
            }
        }

        return kept.ToArray();
    }
}
