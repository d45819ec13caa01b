namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Recognises gzip data by its two magic bytes, so a wrong file type gets a clear message instead of a zlib error.</summary>
internal static class GzipHeader
{
    /// <summary>Checks the start of <paramref name="file"/> and rewinds it to position 0.</summary>
    /// <returns><see langword="null"/> for gzip data; otherwise what the file starts with instead.</returns>
    public static string? FindProblem(Stream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int read = file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        file.Position = 0;
        if (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            return null;
        }

        string start = read == 0 ? "it is empty" : $"it starts with 0x{Convert.ToHexString(magic[..read])}";
        return $"{start}; gzip starts with 0x1F8B";
    }
}
