namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Maps a tar entry name to a path under the extraction folder, refusing names that could land elsewhere.</summary>
internal static class SafeTarEntryPath
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Resolves <paramref name="entryName"/> under <paramref name="root"/>, a full path.</summary>
    /// <returns><see langword="null"/> and the full path when safe; otherwise why the name is refused.</returns>
    public static string? TryResolve(string root, string entryName, out string fullPath)
    {
        fullPath = root;
        string? problem = FindNameProblem(entryName, out string[] segments);
        if (problem is not null)
        {
            return problem;
        }

        string relative = string.Join(Path.DirectorySeparatorChar, segments);
        if (relative.Length == 0)
        {
            return null;
        }

        fullPath = Path.GetFullPath(Path.Join(root, relative));
        string rootPrefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(rootPrefix, PathComparison)
            ? null
            : "resolves outside the target folder";
    }

    /// <summary>
    /// Checks <paramref name="entryName"/> on its own, without a target folder: the rules every entry must pass
    /// whether it is extracted or only read.
    /// </summary>
    /// <param name="entryName">The entry name as stored in the archive.</param>
    /// <param name="segments">The name's folder and file segments without empty and <c>.</c> segments (empty for the archive root).</param>
    /// <returns><see langword="null"/> when the name is acceptable; otherwise why it is refused.</returns>
    public static string? FindNameProblem(string entryName, out string[] segments)
    {
        segments = [];
        if (string.IsNullOrWhiteSpace(entryName))
        {
            return "has an empty name";
        }

        if (entryName.Contains('\0', StringComparison.Ordinal))
        {
            return "has a NUL character in its name";
        }

        // Tar names use '/', but on Windows '\\' and drive letters would also be honoured by the file system.
        bool windows = OperatingSystem.IsWindows();
        if (entryName[0] == '/' || Path.IsPathRooted(entryName) || (windows && (entryName[0] == '\\' || entryName.Contains(':', StringComparison.Ordinal))))
        {
            return "is an absolute path";
        }

        char[] separators = windows ? ['/', '\\'] : ['/'];
        string[] all = entryName.Split(separators, StringSplitOptions.RemoveEmptyEntries);
        // Refuse any '..' even when it would resolve back inside: legitimate archives never need one.
        if (all.Contains(".."))
        {
            return "climbs out of the archive's root folder with '..'";
        }

        segments = all.Where(segment => segment != ".").ToArray();
        return null;
    }
}
