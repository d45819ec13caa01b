namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>The step a <see cref="CifarDownloader"/> call is in when it reports <see cref="DownloadProgress"/>.</summary>
public enum DownloadPhase
{
    /// <summary>The archive is being received; bytes are archive bytes received so far.</summary>
    Downloading,

    /// <summary>The received archive's MD5 is being compared with the expected one; bytes are the archive's size.</summary>
    Verifying,

    /// <summary>The verified archive is being unpacked; bytes are compressed archive bytes read so far.</summary>
    Extracting,

    /// <summary>A verified copy was already in the cache, so nothing was downloaded.</summary>
    Cached,

    /// <summary>A fresh download was verified, extracted and placed in the cache.</summary>
    Completed,
}
