using System.Formats.Tar;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Sorts tar entries into the kinds a reader may act on: only regular files and folders carry content; links,
/// devices and unknown types are refused because they can reach outside the archive's own tree.
/// </summary>
internal static class SafeTarEntryType
{
    /// <summary>Classifies <paramref name="entry"/>.</summary>
    /// <param name="entry">The entry just read.</param>
    /// <param name="problem">Why the entry is refused, when the result is <see cref="TarEntryKind.Refused"/>; otherwise <see langword="null"/>.</param>
    public static TarEntryKind Classify(TarEntry entry, out string? problem)
    {
        problem = null;
        switch (entry.EntryType)
        {
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                return TarEntryKind.File;
            case TarEntryType.Directory:
                return TarEntryKind.Directory;
            case TarEntryType.GlobalExtendedAttributes:
                return TarEntryKind.Metadata; // Attributes for the entries that follow, not a file.
            case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                problem = $"is a {(entry.EntryType == TarEntryType.SymbolicLink ? "symbolic" : "hard")} link to '{entry.LinkName}'; " +
                    "links are refused because they can point outside the target folder";
                return TarEntryKind.Refused;
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo:
                problem = $"is a {entry.EntryType} special file; only regular files and folders are accepted";
                return TarEntryKind.Refused;
            default:
                problem = $"has the unsupported entry type {entry.EntryType}; only regular files and folders are accepted";
                return TarEntryKind.Refused;
        }
    }
}
