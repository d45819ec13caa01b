namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>Where tracking keeps its files inside a run folder.</summary>
internal sealed class TrackingPaths
{
    public const string FolderName = "tracking";
    public const string SpoolFileName = "spool.jsonl";
    public const string StateFolderName = "sinks";
    public const string DeadLetterFolderName = "dead-letter";
    public const string LockFileName = ".lock";

    public TrackingPaths(string runFolder)
    {
        RunFolder = Path.GetFullPath(runFolder);
        Folder = Path.Combine(RunFolder, FolderName);
    }

    public string RunFolder { get; }

    public string Folder { get; }

    public string Spool => Path.Combine(Folder, SpoolFileName);

    public string Lock => Path.Combine(Folder, LockFileName);

    public string State(string sink) => Path.Combine(Folder, StateFolderName, sink + ".json");

    public string DeadLetter(string sink) => Path.Combine(Folder, DeadLetterFolderName, sink + ".jsonl");

    /// <summary>Checks that a sink name can name files: letters, digits, '-' and '_'.</summary>
    public static void CheckSinkName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"Tracking sink name '{name}' must be 1-64 characters of letters, digits, '-' and '_' (it names the sink's state file).", nameof(name));
    }
}
