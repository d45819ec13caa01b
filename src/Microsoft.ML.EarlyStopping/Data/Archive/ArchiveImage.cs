namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>One image entry of an archive: its name, where it sits, and once decoded its pixels or why it has none.</summary>
internal sealed class ArchiveImage(string entryName, string[] segments, byte[] encoded)
{
    private byte[]? _encoded = encoded;

    /// <summary>The entry name as stored in the archive.</summary>
    public string EntryName { get; } = entryName;

    /// <summary>The folder and file segments of the name (no empty or <c>.</c> segments).</summary>
    public string[] Segments { get; } = segments;

    /// <summary>The file name: the last segment.</summary>
    public string FileName => Segments[^1];

    /// <summary>The planar red, green, blue bytes (3,072) after a successful <see cref="Decode"/>.</summary>
    public byte[]? Pixels { get; private set; }

    /// <summary>Why decoding failed, or <see langword="null"/>.</summary>
    public string? Problem { get; private set; }

    /// <summary>Decodes the entry's bytes, then lets them go: only the 3,072 pixel bytes stay in memory.</summary>
    public void Decode(ArchiveImageDecoder decoder)
    {
        var pixels = new byte[CifarImageLayout.FeatureLength];
        Problem = decoder.Decode(_encoded, pixels);
        Pixels = Problem is null ? pixels : null;
        _encoded = null;
    }
}
