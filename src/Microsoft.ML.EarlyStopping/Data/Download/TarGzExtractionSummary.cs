namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>What a successful <see cref="TarGzExtractor.Extract"/> call wrote.</summary>
/// <param name="FileCount">Regular files written.</param>
/// <param name="DirectoryCount">Folders created (folders that already existed are not counted).</param>
/// <param name="TotalBytes">Bytes of file content written.</param>
public sealed record TarGzExtractionSummary(int FileCount, int DirectoryCount, long TotalBytes);
