namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>A file entry read whole from an archive.</summary>
/// <param name="EntryName">The entry name as stored in the archive.</param>
/// <param name="Content">The file's bytes.</param>
internal sealed record ArchiveFile(string EntryName, byte[] Content);
