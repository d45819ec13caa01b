namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>
/// An exclusive lock on a run's tracking folder, held by a live tracker or a sync, so that two processes never deliver the
/// same spool at once (the operating system releases it if the process dies).
/// </summary>
internal sealed class RunFolderLock : IDisposable
{
    private readonly FileStream _stream;

    private RunFolderLock(FileStream stream)
    {
        _stream = stream;
    }

    public static RunFolderLock Acquire(TrackingPaths paths)
    {
        Directory.CreateDirectory(paths.Folder);
        try
        {
            return new RunFolderLock(new FileStream(paths.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new IOException(
                $"The tracking folder {paths.Folder} is in use by another tracker or sync (lock file {paths.Lock}); wait for it to finish.", ex);
        }
    }

    public void Dispose() => _stream.Dispose();
}
