namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Reads CIFAR-10 binary batches into one byte array and validates every record before anything is returned,
/// so bad data fails at load time rather than midway through training.
/// </summary>
internal static class CifarBinaryReader
{
    /// <param name="files">The .bin files, read in this order.</param>
    /// <param name="classNames">The class names in label order; a label byte must index into them.</param>
    /// <param name="classNamesSource">Where <paramref name="classNames"/> came from, for error messages.</param>
    public static CifarBinaryDataView Read(IReadOnlyList<string> files, IReadOnlyList<string> classNames, string classNamesSource)
    {
        long totalLength = 0;
        var lengths = new long[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            lengths[i] = CheckedLength(files[i]);
            totalLength += lengths[i];
        }

        if (totalLength > Array.MaxLength)
        {
            throw new InvalidDataException(
                $"The {files.Count} CIFAR-10 .bin files hold {totalLength} bytes, more than one array can hold ({Array.MaxLength}); load them in smaller groups.");
        }

        var records = new byte[totalLength];
        int offset = 0;
        for (int i = 0; i < files.Count; i++)
        {
            ReadExactly(files[i], records.AsSpan(offset, (int)lengths[i]));
            CheckLabels(FileSource(files[i]), records.AsSpan(offset, (int)lengths[i]), classNames, classNamesSource);
            offset += (int)lengths[i];
        }

        return new CifarBinaryDataView(records, classNames);
    }

    private static long CheckedLength(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The CIFAR-10 binary file '{path}' does not exist.", path);
        }

        CheckLength(FileSource(path), info.Length);
        return info.Length;
    }

    /// <summary>Throws unless <paramref name="length"/> is a positive whole number of CIFAR-10 records.</summary>
    /// <param name="source">What holds the records, for messages, starting with a lower-case article: "the CIFAR-10 binary file '...'".</param>
    /// <param name="length">Its length in bytes.</param>
    public static void CheckLength(string source, long length)
    {
        if (length == 0)
        {
            throw new InvalidDataException($"{Capitalized(source)} is empty.");
        }

        if (length % CifarImageLayout.RecordLength != 0)
        {
            // CIFAR-100 records carry a coarse and a fine label byte, so they are one byte longer.
            string hint = length % (CifarImageLayout.RecordLength + 1) == 0
                ? " Its length is a multiple of 3074 bytes, the CIFAR-100 record (two label bytes), which this reader does not support."
                : " The file is truncated or is not CIFAR-10 binary data.";
            throw new InvalidDataException(
                $"{Capitalized(source)} is {length} bytes long, which is not a multiple of the " +
                $"{CifarImageLayout.RecordLength}-byte record (1 label byte and 3 x 1024 pixel bytes).{hint}");
        }
    }

    private static void ReadExactly(string path, Span<byte> destination)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"The CIFAR-10 binary file '{path}' became shorter while it was being read.", e);
        }
    }

    /// <summary>Throws unless every label byte of <paramref name="records"/> indexes into <paramref name="classNames"/>.</summary>
    /// <param name="source">What holds the records, for messages, starting with a lower-case article: "the CIFAR-10 binary file '...'".</param>
    /// <param name="records">Whole records.</param>
    /// <param name="classNames">The class names in label order.</param>
    /// <param name="classNamesSource">Where <paramref name="classNames"/> came from, for messages.</param>
    public static void CheckLabels(string source, ReadOnlySpan<byte> records, IReadOnlyList<string> classNames, string classNamesSource)
    {
        for (int record = 0; record * CifarImageLayout.RecordLength < records.Length; record++)
        {
            byte label = records[record * CifarImageLayout.RecordLength];
            if (label >= classNames.Count)
            {
                throw new InvalidDataException(
                    $"Record {record} (0-based, at byte {(long)record * CifarImageLayout.RecordLength}) of {source} " +
                    $"has label {label}, but {classNamesSource} lists only {classNames.Count} class names (labels 0 to {classNames.Count - 1}).");
            }
        }
    }

    private static string FileSource(string path) => $"the CIFAR-10 binary file '{path}'";

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
