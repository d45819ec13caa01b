// Per-epoch cost of MetricsTracker on the training thread, with all sinks on (CSV, JSON lines, TensorBoard, console,
// MLflow and Neptune) and both servers dead. Usage: dotnet run -c Release --project test/TrackingBenchmark [epochs] [refused|blackhole]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.ML.EarlyStopping;
using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Tracking.Http;
using Microsoft.ML.EarlyStopping.Tracking.Mlflow;
using Microsoft.ML.EarlyStopping.Tracking.Neptune;
using Microsoft.ML.EarlyStopping.Tracking.Sinks;
using Microsoft.ML.EarlyStopping.Training;

int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
bool blackhole = args.Length > 1 && args[1] == "blackhole";
const int warmup = 20;

// A dead server: either nothing listens (connection refused) or it accepts and never answers.
var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var dead = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
var held = new List<TcpClient>();
if (blackhole)
    _ = Task.Run(async () => { while (true) held.Add(await listener.AcceptTcpClientAsync()); });
else
    listener.Stop();

string folder = Path.Combine(Path.GetTempPath(), "tracking-benchmark-" + Guid.NewGuid().ToString("N"));
var retry = new HttpRetryOptions { AttemptTimeout = TimeSpan.FromSeconds(5), ConnectTimeout = TimeSpan.FromSeconds(2) };
string token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"api_address\":\"{dead.ToString().TrimEnd('/')}\",\"api_key\":\"benchmark\"}}"));
var tracker = new MetricsTracker(new MetricsTrackerOptions
{
    RunFolder = folder,
    Sinks =
    [
        new CsvMetricsSink(TrackingSinks.CsvPath(folder)),
        new JsonLinesMetricsSink(TrackingSinks.JsonLinesPath(folder)),
        new TensorBoardSink(TrackingSinks.TensorBoardFolder(folder)),
        new ConsoleMetricsSink(TextWriter.Null),
        new MlflowSink(new MlflowSinkOptions { TrackingUri = dead, Retry = retry }),
        new NeptuneSink(new NeptuneSinkOptions { ApiToken = token, Project = "ws/proj", Retry = retry }),
    ],
    ShutdownTimeout = TimeSpan.FromSeconds(2),
    Log = _ => { },
});

tracker.OnTrainingStarted(new TrainingStartedEvent
{
    Architecture = CifarArchitecture.FastResNet,
    Parameters = [new("LearningRate", "0.05")],
    ClassNames = ["a", "b"],
    TrainingRows = 45000,
    ValidationRows = 5000,
    Device = "cpu",
    StartTime = DateTimeOffset.UtcNow,
});
var costs = new double[epochs];
var clock = new Stopwatch();
for (int epoch = 1; epoch <= epochs; epoch++)
{
    var metrics = new EpochMetrics
    {
        Epoch = epoch,
        MaxEpochs = epochs,
        TrainingLoss = 2.0 / epoch,
        TrainingAccuracy = 0.5,
        ValidationLoss = 2.1 / epoch,
        ValidationAccuracy = 0.5,
        LearningRate = 0.05,
        Duration = TimeSpan.FromSeconds(30),
        ImagesPerSecond = 1500,
        TrainingImages = 45000,
        EarlyStopping = null,
    };
    clock.Restart();
    tracker.OnEpochEnded(metrics);
    clock.Stop();
    costs[epoch - 1] = clock.Elapsed.TotalMicroseconds;
    // A training epoch takes seconds; a short pause lets the background consumer run as it would between epochs.
    Thread.Sleep(2);
}
var shutdown = Stopwatch.StartNew();
TrackingReport report = await tracker.CompleteAsync();
shutdown.Stop();

double[] measured = [.. costs.Skip(warmup).Order()];
string Micro(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " µs";
Console.WriteLine($"Tracking overhead on the training thread, {measured.Length} epochs after {warmup} warm-up, all 6 sinks, servers {(blackhole ? "accepting but never answering" : "refusing connections")}:");
Console.WriteLine($"  mean {Micro(measured.Average())}, median {Micro(measured[measured.Length / 2])}, p99 {Micro(measured[(int)(measured.Length * 0.99)])}, max {Micro(measured[^1])}; first call {Micro(costs[0])}");
Console.WriteLine($"  shutdown (CompleteAsync) took {shutdown.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s with a 2 s limit");
Console.WriteLine(report.Describe());
listener.Stop();
foreach (TcpClient client in held)
    client.Dispose();
Directory.Delete(folder, recursive: true);
