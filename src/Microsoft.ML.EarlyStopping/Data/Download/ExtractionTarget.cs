using Microsoft.Win32.SafeHandles;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// The folder one extraction writes into: creates folders and files without following links or replacing anything that
/// was there before, and remembers what it created so that a failed extraction can remove it again.
/// </summary>
internal sealed class ExtractionTarget
{
    private readonly HashSet<string> _safeDirectories = [];
    private readonly List<string> _createdDirectories = [];
    private readonly List<string> _createdFiles = [];
    private readonly HashSet<string> _createdFileSet = [];
    private readonly byte[] _buffer = new byte[1 << 16];
    private long _bytesWritten;

    public ExtractionTarget(string targetDirectory)
    {
        Root = Path.GetFullPath(targetDirectory);
        if (File.Exists(Root))
        {
            throw new IOException($"The extraction target '{Root}' is a file, not a folder.");
        }

        // Record every missing ancestor so that a rollback leaves the disk as it was.
        var missing = new Stack<string>();
        for (string? dir = Root; dir is not null && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
        {
            missing.Push(dir);
        }

        Directory.CreateDirectory(Root);
        _createdDirectories.AddRange(missing);
        _safeDirectories.Add(Path.TrimEndingDirectorySeparator(Root));
    }

    /// <summary>The full path of the target folder.</summary>
    public string Root { get; }

    public TarGzExtractionSummary Summary => new(_createdFiles.Count, _createdDirectories.Count, _bytesWritten);

    /// <summary>Makes sure <paramref name="fullPath"/> is a real folder under the root, creating what is missing.</summary>
    /// <returns><see langword="null"/> on success, or why the folder cannot be used.</returns>
    public string? EnsureDirectory(string fullPath)
    {
        fullPath = Path.TrimEndingDirectorySeparator(fullPath);
        if (_safeDirectories.Contains(fullPath))
        {
            return null;
        }

        string? parentProblem = EnsureDirectory(Path.GetDirectoryName(fullPath)!);
        if (parentProblem is not null)
        {
            return parentProblem;
        }

        // A folder that is really a link could send later entries anywhere, so an existing link is refused outright.
        if (new FileInfo(fullPath).LinkTarget is not null)
        {
            return $"would be written through the existing link '{fullPath}'";
        }

        if (File.Exists(fullPath))
        {
            return $"needs the folder '{fullPath}', but a file is there";
        }

        if (!Directory.Exists(fullPath))
        {
            Directory.CreateDirectory(fullPath);
            _createdDirectories.Add(fullPath);
        }

        _safeDirectories.Add(fullPath);
        return null;
    }

    /// <summary>Writes a new file at <paramref name="fullPath"/> from <paramref name="content"/>.</summary>
    /// <returns><see langword="null"/> on success, or why the file cannot be written.</returns>
    public string? WriteFile(string fullPath, Stream? content, CancellationToken cancellationToken)
    {
        string? folderProblem = EnsureDirectory(Path.GetDirectoryName(fullPath)!);
        if (folderProblem is not null)
        {
            return folderProblem;
        }

        bool duplicateEntry = _createdFileSet.Contains(fullPath);
        if (duplicateEntry)
        {
            // Tar semantics: a later entry with the same name replaces the earlier one.
            File.Delete(fullPath);
        }

        // CreateNew (O_EXCL) refuses anything already at the path, links included, without a separate check per file.
        SafeFileHandle output;
        try
        {
            output = File.OpenHandle(fullPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException) when (!duplicateEntry && Exists(fullPath))
        {
            return $"would replace '{fullPath}', which existed before the extraction";
        }

        using (output)
        {
            if (!duplicateEntry)
            {
                _createdFiles.Add(fullPath);
                _createdFileSet.Add(fullPath);
            }

            long offset = 0;
            int read;
            while (content is not null && (read = content.Read(_buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RandomAccess.Write(output, _buffer.AsSpan(0, read), offset);
                offset += read;
            }

            _bytesWritten += offset;
        }

        return null;
    }

    /// <summary>Removes every file and folder this extraction created, best effort.</summary>
    public void Rollback()
    {
        for (int i = _createdFiles.Count - 1; i >= 0; i--)
        {
            TryDelete(() => File.Delete(_createdFiles[i]));
        }

        // Children were created after their parents, so deleting in reverse empties each folder before its parent.
        for (int i = _createdDirectories.Count - 1; i >= 0; i--)
        {
            TryDelete(() => Directory.Delete(_createdDirectories[i], recursive: false));
        }
    }

    private static bool Exists(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (IOException)
        {
            // Something else put a file there meanwhile: leave it rather than fail the rollback.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
