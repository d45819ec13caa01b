using System.Globalization;

namespace CifarDemo.Output;

/// <summary>The folder one training run writes into (<c>&lt;output&gt;/&lt;yyyyMMdd-HHmmss&gt;</c>) and the names of its files.</summary>
internal sealed class RunFolder
{
    private RunFolder(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string ModelZip => File("model.zip");

    public string ModelOnnx => File("model.onnx");

    public string MetricsCsv => File("metrics.csv");

    public string LossChart => File("loss.png");

    public string AccuracyChart => File("accuracy.png");

    public string ConfusionChart => File("confusion.png");

    public string Report => File("report.md");

    /// <summary>Creates a new, empty run folder under <paramref name="outputRoot"/> named after <paramref name="now"/> (with -2, -3... if taken).</summary>
    public static RunFolder Create(string outputRoot, DateTime now)
    {
        string root = System.IO.Path.GetFullPath(outputRoot);
        string stamp = now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        for (int attempt = 1; ; attempt++)
        {
            string candidate = System.IO.Path.Combine(root, attempt == 1 ? stamp : $"{stamp}-{attempt}");
            if (Directory.Exists(candidate) || System.IO.File.Exists(candidate))
                continue;
            Directory.CreateDirectory(candidate);
            return new RunFolder(candidate);
        }
    }

    /// <summary>The files written so far, by name.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.Exists(Path)
            ? Directory.EnumerateFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>Removes the folder and everything in it (a run that produced nothing worth keeping).</summary>
    public void Delete()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }

    private string File(string name) => System.IO.Path.Combine(Path, name);
}
