using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Download;

/// <summary>Builds small .tar.gz archives in memory for the download and extraction tests.</summary>
internal static class TestArchives
{
    public const int RecordSize = 3073;

    public static readonly string[] ClassNames =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>An archive with whatever entries <paramref name="write"/> writes.</summary>
    public static byte[] Build(Action<TarWriter> write)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(writer);
        }

        return memory.ToArray();
    }

    /// <summary>An archive of regular files.</summary>
    public static byte[] Files(params (string Name, byte[] Content)[] files) =>
        Build(writer =>
        {
            foreach ((string name, byte[] content) in files)
            {
                WriteFile(writer, name, content);
            }
        });

    public static void WriteFile(TarWriter writer, string name, byte[] content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });

    /// <summary>The CIFAR-10 binary archive's layout in miniature: a folder entry, the class list and one small batch.</summary>
    public static byte[] CifarLike(int seed, int records = 20) =>
        Build(writer =>
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "cifar-10-batches-bin/"));
            WriteFile(writer, "cifar-10-batches-bin/batches.meta.txt", MetaText());
            WriteFile(writer, "cifar-10-batches-bin/data_batch_1.bin", RandomBytes(seed, records * RecordSize));
        });

    public static byte[] MetaText() => Encoding.ASCII.GetBytes(string.Join('\n', ClassNames) + "\n\n");

    public static byte[] RandomBytes(int seed, int length)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>The files in a .tar.gz by name, read back with the framework's reader (not the code under test).</summary>
    public static Dictionary<string, byte[]> ReadFiles(byte[] archive)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var reader = new TarReader(new GZipStream(new MemoryStream(archive), CompressionMode.Decompress));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType == TarEntryType.RegularFile)
            {
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                files[entry.Name] = content.ToArray();
            }
        }

        return files;
    }
}
