using System.Globalization;
using System.Text.Json;
using Microsoft.ML.EarlyStopping.Benchmarks;
using Microsoft.ML.EarlyStopping.Training;

// Benchmarks (measurements, not tests). Usage:
//   dotnet run --project test/Benchmarks -c Release -- throughput [--arch seed|fastresnet|airbench|all] [--images 5000] [--rounds 3] [--batch 128] [--width W] [--threads N]
//   dotnet run --project test/Benchmarks -c Release -- inference  [--arch ...] [--rows 10000] [--width W]
//   dotnet run --project test/Benchmarks -c Release -- layout     [--arch ...] [--images 2560] [--rounds 3]   (Fit with NCHW vs channels-last)
//   dotnet run --project test/Benchmarks -c Release -- memory     [--images 50000]
//   dotnet run --project test/Benchmarks -c Release -- tta [--data ../shared/data/cifar10-train-jpg.tar.gz] [--arch A] [--width W] [--epochs E] [--batch B] [--lr X] [--stop-at 0.93] [--per-class N]
//     (without --arch/--width/--epochs/--batch/--lr: the library's default architecture and its recipe)
//   (--width W defaults to the recipe's: 16 for FastResNet, 64 for Airbench)
//   dotnet run --project test/Benchmarks -c Release -- tracking   [--epochs 500]   (MetricsTracker's per-epoch cost on the training thread, all sinks, dead servers)
// Each prints a table and writes JSON to artifacts/benchmarks/<command>-<utc time>.json.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: Benchmarks throughput|inference|layout|memory|tta|tracking [--arch seed|fastresnet|airbench|all] [--images N] [--rows N] [--rounds N] [--batch N] [--width N] [--threads N] (see test/Benchmarks/Program.cs)");
    return args.Length == 0 ? 2 : 0;
}
var options = BenchmarkArguments.Parse(args.Skip(1).ToArray());
if (options.Threads is int threads)
    TorchSharp.torch.set_num_threads(threads);
object result;
switch (args[0])
{
    case "throughput":
        var rows = options.Architectures.Select(a => ThroughputBenchmark.Run(a, options.WidthFor(a), options.Images ?? 5000, options.Batch ?? 128, options.Rounds)).ToArray();
        Console.WriteLine();
        Console.WriteLine("| network | images | batch | threads | raw loop img/s | Fit epoch img/s | whole Fit img/s | epoch / raw | whole Fit / raw |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in rows)
            Console.WriteLine($"| {r.Architecture}{(r.Architecture != "Seed" ? $" w{r.Width}" : "")} | {r.Images} | {r.BatchSize} | {r.Threads} | {r.RawMedian:F0} | {r.FitEpochMedian:F0} | {r.FitTotalMedian:F0} | {r.EpochRatio:P1} | {r.TotalRatio:P1} |");
        result = rows;
        break;
    case "inference":
        var inference = options.Architectures.Select(a => InferenceBenchmark.Run(a, options.WidthFor(a), options.Rows, options.Rounds)).ToArray();
        Console.WriteLine();
        Console.WriteLine("| network | rows | raw TorchSharp eval rows/s (batch 500) | loaded model.zip Transform rows/s | zip / raw |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var r in inference)
            Console.WriteLine($"| {r.Architecture} | {r.Rows} | {r.RawRowsPerSecond:F0} | {r.ZipRowsPerSecond:F0} | {r.Ratio:P1} |");
        result = inference;
        break;
    case "layout":
        var layouts = options.Architectures.Select(a => (Architecture: a, Result: ThroughputBenchmark.CompareLayouts(a, options.WidthFor(a), options.Images ?? 2560, options.Batch ?? 128, options.Rounds))).ToArray();
        Console.WriteLine();
        Console.WriteLine("| network | NCHW img/s (median) | channels-last img/s (median) | gain |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var (a, r) in layouts)
        {
            double n = r.Nchw.Order().ElementAt(r.Nchw.Length / 2), c = r.ChannelsLast.Order().ElementAt(r.ChannelsLast.Length / 2);
            Console.WriteLine($"| {a} | {n:F0} | {c:F0} | {c / n - 1:P0} |");
        }
        result = layouts.Select(l => new { architecture = l.Architecture.ToString(), nchw = l.Result.Nchw, channelsLast = l.Result.ChannelsLast }).ToArray();
        break;
    case "memory":
        var memory = MemoryBenchmark.Run(options.Images ?? 50000, options.Architectures[0]);
        Console.WriteLine();
        Console.WriteLine($"| network | images | epochs | Fit time | peak RSS |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        Console.WriteLine($"| {memory.Architecture} | {memory.Images} | 1 | {memory.Seconds:F0} s | {memory.PeakGigabytes:F2} GB |");
        result = memory;
        break;
    case "tta":
        var recipe = new CifarCnnTrainer.Options
        {
            // Without --arch, time-to-accuracy measures the default architecture.
            Architecture = options.Architectures.Length > 1 ? new CifarCnnTrainer.Options().Architecture : options.Architectures[0],
            NetworkWidth = options.Width,
            BatchSize = options.Batch,
            MaxEpochs = options.Epochs,
            LearningRate = options.LearningRate,
            EarlyStopping = new Microsoft.ML.EarlyStopping.EarlyStoppingOptions { Metric = Microsoft.ML.EarlyStopping.EarlyStoppingMetric.ValidationAccuracy, StoppingThreshold = options.StopAt },
        };
        var tta = TimeToAccuracyBenchmark.Run(options.Data ?? Path.Combine(BenchmarkArguments.RepositoryRoot(), "..", "shared", "data", "cifar10-train-jpg.tar.gz"), recipe, options.PerClass);
        Console.WriteLine();
        Console.WriteLine($"recipe: {tta.Recipe}; {tta.TrainImages} train / {tta.ValidationImages} validation images");
        Console.WriteLine("| " + string.Join(" | ", tta.SecondsToTarget.Keys.Select(k => "time to " + k)) + " | best validation accuracy | epochs | total | peak RSS |");
        Console.WriteLine("|" + string.Concat(Enumerable.Repeat(" --- |", tta.SecondsToTarget.Count + 4)));
        Console.WriteLine("| " + string.Join(" | ", tta.SecondsToTarget.Values.Select(v => v is double s ? $"{s / 60:F1} min" : "not reached")) + $" | {tta.BestValidationAccuracy:P2} | {tta.Epochs} | {tta.TotalSeconds / 60:F1} min | {tta.PeakGigabytes:F2} GB |");
        Console.WriteLine(tta.Outcome);
        result = tta;
        break;
    case "tracking":
        var tracking = new[] { false, true }.Select(blackhole => TrackingOverheadBenchmark.Run(options.Epochs ?? 30, blackhole)).ToArray();
        Console.WriteLine();
        Console.WriteLine("| dead servers | epochs measured | mean | median | p99 | max | first epoch | shutdown (2 s limit) |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in tracking)
            Console.WriteLine($"| {r.Server} | {r.Epochs} | {r.MeanMicroseconds:F1} µs | {r.MedianMicroseconds:F1} µs | {r.P99Microseconds:F1} µs | {r.MaxMicroseconds:F1} µs | {r.FirstCallMicroseconds:F1} µs | {r.ShutdownSeconds:F2} s |");
        result = tracking;
        break;
    default:
        Console.Error.WriteLine($"unknown command '{args[0]}'");
        return 2;
}
string folder = Path.Combine(BenchmarkArguments.RepositoryRoot(), "artifacts", "benchmarks");
Directory.CreateDirectory(folder);
string file = Path.Combine(folder, $"{args[0]}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
File.WriteAllText(file, JsonSerializer.Serialize(new
{
    command = args[0],
    utc = DateTime.UtcNow,
    machine = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
    torchThreads = TorchSharp.torch.get_num_threads(),
    result,
}, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {file}");
return 0;
