namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>One progress report from <see cref="CifarDownloader"/>.</summary>
/// <param name="Phase">The step the download is in.</param>
/// <param name="BytesProcessed">Bytes handled so far in this phase (see <see cref="DownloadPhase"/> for what they count).</param>
/// <param name="TotalBytes">The number of bytes this phase will handle, or <see langword="null"/> when the server did not say.</param>
public readonly record struct DownloadProgress(DownloadPhase Phase, long BytesProcessed, long? TotalBytes)
{
    /// <summary>The share of the phase done, from 0 to 1, or <see langword="null"/> when the total is unknown.</summary>
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1.0, (double)BytesProcessed / TotalBytes.Value) : null;
}
