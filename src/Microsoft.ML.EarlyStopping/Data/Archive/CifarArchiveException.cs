namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Thrown by <see cref="CifarData.LoadImageArchive"/> when an archive cannot be used: it is not gzip, is truncated or
/// corrupt, holds an unsafe entry (an absolute or escaping path, a link, a device), has no usable layout, or holds
/// an image or batch that cannot be read. Like <see cref="TarGzExtractionException"/>, it is an <see cref="IOException"/>
/// and names the archive and, when one is to blame, the entry.
/// </summary>
public sealed class CifarArchiveException : IOException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public CifarArchiveException()
        : this("The CIFAR archive cannot be used.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    /// <param name="message">What is wrong.</param>
    public CifarArchiveException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with the given message and cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The error that caused it.</param>
    public CifarArchiveException(string message, Exception? innerException)
        : this(message, archivePath: null, entryName: null, innerException)
    {
    }

    /// <summary>Creates an exception naming the archive and, when one is to blame, the entry.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="archivePath">The archive being read.</param>
    /// <param name="entryName">The entry name as stored in the archive, or <see langword="null"/> when no single entry is to blame.</param>
    /// <param name="innerException">The error that caused it.</param>
    public CifarArchiveException(string message, string? archivePath, string? entryName, Exception? innerException)
        : base(message, innerException)
    {
        ArchivePath = archivePath;
        EntryName = entryName;
    }

    /// <summary>The archive being read, when known.</summary>
    public string? ArchivePath { get; }

    /// <summary>The offending entry's name as stored in the archive, or <see langword="null"/> when no single entry is to blame.</summary>
    public string? EntryName { get; }
}
