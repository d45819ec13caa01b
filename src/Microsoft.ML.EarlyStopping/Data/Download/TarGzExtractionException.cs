namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Thrown by <see cref="TarGzExtractor"/> when an archive is not a readable gzip-compressed tar file, is truncated or
/// corrupt, or holds an entry that cannot be extracted safely (a path outside the target folder, a link, a device).
/// </summary>
public sealed class TarGzExtractionException : IOException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public TarGzExtractionException()
        : this("The archive could not be extracted.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What is wrong.</param>
    public TarGzExtractionException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The error that caused it.</param>
    public TarGzExtractionException(string message, Exception? innerException)
        : this(message, archivePath: null, entryName: null, innerException)
    {
    }

    /// <summary>Creates an exception naming the archive and, when one is to blame, the entry.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="archivePath">The archive being extracted.</param>
    /// <param name="entryName">The entry name as stored in the archive, or <see langword="null"/> when the archive as a whole is bad.</param>
    /// <param name="innerException">The error that caused it.</param>
    public TarGzExtractionException(string message, string? archivePath, string? entryName, Exception? innerException)
        : base(message, innerException)
    {
        ArchivePath = archivePath;
        EntryName = entryName;
    }

    /// <summary>The archive being extracted, when known.</summary>
    public string? ArchivePath { get; }

    /// <summary>The offending entry's name as stored in the archive, or <see langword="null"/> when the archive as a whole is bad.</summary>
    public string? EntryName { get; }
}
