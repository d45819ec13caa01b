namespace Microsoft.ML.EarlyStopping.Tests.Data;

/// <summary>Builds CIFAR-10 binary records and files for tests.</summary>
internal static class CifarRecords
{
    public const int RecordLength = 3073;

    public const int PixelLength = 3072;

    /// <summary>A record whose pixel bytes differ by position and by <paramref name="seed"/>, so layout errors show.</summary>
    public static byte[] Make(byte label, int seed)
    {
        var record = new byte[RecordLength];
        record[0] = label;
        for (int i = 0; i < PixelLength; i++)
        {
            record[i + 1] = (byte)((i * 7 + seed * 31) % 256);
        }

        return record;
    }

    /// <summary>The pixel bytes of <paramref name="record"/> as the floats a reader should return.</summary>
    public static float[] Features(byte[] record) => record.Skip(1).Select(value => (float)value).ToArray();

    public static void Write(string path, params byte[][] records) =>
        System.IO.File.WriteAllBytes(path, records.SelectMany(record => record).ToArray());

    public static void WriteMeta(string path, params string[] names) =>
        System.IO.File.WriteAllText(path, string.Join('\n', names) + "\n\n");
}
