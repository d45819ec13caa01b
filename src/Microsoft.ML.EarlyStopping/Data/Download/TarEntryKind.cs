namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>What <see cref="SafeTarEntryType.Classify"/> found a tar entry to be.</summary>
internal enum TarEntryKind
{
    /// <summary>A regular file: its content can be read.</summary>
    File,

    /// <summary>A folder.</summary>
    Directory,

    /// <summary>Metadata for other entries (pax global attributes); nothing to read or write.</summary>
    Metadata,

    /// <summary>A link, device or unknown type: the archive is refused.</summary>
    Refused,
}
