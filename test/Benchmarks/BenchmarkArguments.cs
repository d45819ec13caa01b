using System.Globalization;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Benchmarks;

/// <summary>The few options the benchmark commands take.</summary>
internal sealed record BenchmarkArguments(CifarArchitecture[] Architectures, int? Images, int Rows, int Rounds, int? Batch, int? Width, int? Threads, int? Epochs, double? LearningRate, double? StopAt, int? PerClass, string? Data)
{
    public static BenchmarkArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
            values[args[i][2..]] = args[++i];
        }
        int Int(string name, int fallback) => values.TryGetValue(name, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        int? Optional(string name) => values.ContainsKey(name) ? Int(name, 0) : null;
        CifarArchitecture[] architectures = values.GetValueOrDefault("arch", "all").ToLowerInvariant() switch
        {
            "seed" => new[] { CifarArchitecture.Seed },
            "fastresnet" => new[] { CifarArchitecture.FastResNet },
            "airbench" => new[] { CifarArchitecture.Airbench },
            "all" => new[] { CifarArchitecture.Seed, CifarArchitecture.FastResNet, CifarArchitecture.Airbench },
            string other => throw new ArgumentException($"Unknown --arch '{other}': seed, fastresnet, airbench or all."),
        };
        return new BenchmarkArguments(
            architectures,
            Optional("images"),
            Int("rows", 10000), Int("rounds", 3), Optional("batch"), Optional("width"),
            Optional("threads"),
            Optional("epochs"),
            values.TryGetValue("lr", out string? lr) ? double.Parse(lr, CultureInfo.InvariantCulture) : null,
            values.TryGetValue("stop-at", out string? stop) ? double.Parse(stop, CultureInfo.InvariantCulture) : null,
            values.ContainsKey("per-class") ? Int("per-class", 0) : null,
            values.GetValueOrDefault("data"));
    }

    /// <summary>The width a benchmark uses for <paramref name="architecture"/>: --width, or the library's recipe width.</summary>
    public int WidthFor(CifarArchitecture architecture) => Width ?? (architecture == CifarArchitecture.Airbench ? 64 : 16);

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "EarlyStopping.sln")))
                return folder.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
