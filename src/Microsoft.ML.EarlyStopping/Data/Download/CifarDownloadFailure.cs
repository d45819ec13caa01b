namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Why a <see cref="CifarDownloader"/> call failed; see <see cref="CifarDownloadException.Failure"/>.</summary>
public enum CifarDownloadFailure
{
    /// <summary>The server could not be reached or the connection broke: no network, DNS failure, connection refused or dropped, TLS failure.</summary>
    Network,

    /// <summary>Connecting, waiting for data, or the whole download took longer than the configured timeouts.</summary>
    Timeout,

    /// <summary>The server answered with an HTTP error status; see <see cref="CifarDownloadException.StatusCode"/>.</summary>
    HttpStatus,

    /// <summary>The downloaded archive's MD5 differs from <see cref="CifarDownloadOptions.ExpectedMd5"/>.</summary>
    ChecksumMismatch,

    /// <summary>The archive could not be extracted safely, or it does not hold a <c>cifar-10-batches-bin</c> folder with data.</summary>
    InvalidArchive,

    /// <summary>The cache folder could not be created or written.</summary>
    CacheUnavailable,
}
