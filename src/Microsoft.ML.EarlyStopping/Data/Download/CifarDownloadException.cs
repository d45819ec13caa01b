using System.Net;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Thrown by <see cref="CifarDownloader"/> when CIFAR-10 could not be downloaded, verified or placed in the cache.
/// The message says what failed (URL, HTTP status, expected and actual MD5, offending archive entry) and, for network
/// failures, how to use a local copy of the data instead. Nothing half-written is left in the cache when it is thrown.
/// </summary>
public sealed class CifarDownloadException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public CifarDownloadException()
        : this("The CIFAR-10 download failed.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What failed.</param>
    public CifarDownloadException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The error that caused it.</param>
    public CifarDownloadException(string message, Exception? innerException)
        : this(message, CifarDownloadFailure.Network, url: null, statusCode: null, innerException)
    {
    }

    /// <summary>Creates an exception that records why and where the download failed.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="failure">The kind of failure.</param>
    /// <param name="url">The archive address that was being downloaded.</param>
    /// <param name="statusCode">The HTTP status the server answered with, when the failure is <see cref="CifarDownloadFailure.HttpStatus"/>.</param>
    /// <param name="innerException">The error that caused it.</param>
    public CifarDownloadException(string message, CifarDownloadFailure failure, Uri? url, HttpStatusCode? statusCode, Exception? innerException)
        : base(message, innerException)
    {
        Failure = failure;
        Url = url;
        StatusCode = statusCode;
    }

    /// <summary>The kind of failure.</summary>
    public CifarDownloadFailure Failure { get; }

    /// <summary>The archive address that was being downloaded, when known.</summary>
    public Uri? Url { get; }

    /// <summary>The HTTP status the server answered with, for <see cref="CifarDownloadFailure.HttpStatus"/> failures.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// The advice appended to network, timeout and HTTP failures: how to run from data already on this machine.
    /// </summary>
    public static string LocalDataAdvice =>
        "To work without downloading, point at a local copy instead: " +
        "CifarData.LoadBinary(mlContext, \"/path/to/cifar-10-batches-bin\", ...), " +
        "or run CifarDemo with --data PATH (a cifar-10-batches-bin folder, an image-folder root, or a .tar.gz of either).";
}
