using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Tracking.Http;
using Microsoft.ML.EarlyStopping.Tracking.Mlflow;
using Microsoft.ML.EarlyStopping.Tracking.Neptune;
using Microsoft.ML.EarlyStopping.Tracking.Sinks;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Benchmarks;

/// <summary>
/// What <see cref="MetricsTracker"/> costs the training thread per epoch with all six sinks on (CSV, JSON lines,
/// TensorBoard, console, MLflow, Neptune) and both servers dead: refusing connections, or accepting and never answering.
/// </summary>
internal static class TrackingOverheadBenchmark
{
    public sealed record Result(string Server, int Epochs, double MeanMicroseconds, double MedianMicroseconds, double P99Microseconds, double MaxMicroseconds, double FirstCallMicroseconds, double ShutdownSeconds, string Report);

    public static Result Run(int epochs, bool blackhole)
    {
        int warmup = Math.Min(20, epochs / 4);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var dead = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        var held = new List<TcpClient>();
        using var stopAccepting = new CancellationTokenSource();
        if (blackhole)
        {
            _ = Task.Run(async () =>
            {
                while (!stopAccepting.IsCancellationRequested)
                {
                    TcpClient client = await listener.AcceptTcpClientAsync(stopAccepting.Token);
                    lock (held)
                        held.Add(client);
                }
            });
        }
        else
        {
            listener.Stop();
        }

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
            };
            clock.Restart();
            tracker.OnEpochEnded(metrics);
            clock.Stop();
            costs[epoch - 1] = clock.Elapsed.TotalMicroseconds;
            // Epochs take seconds; a short pause lets the background consumer run between them as it would in training.
            Thread.Sleep(2);
        }
        var shutdown = Stopwatch.StartNew();
        TrackingReport report = tracker.CompleteAsync().GetAwaiter().GetResult();
        shutdown.Stop();

        stopAccepting.Cancel();
        listener.Stop();
        lock (held)
        {
            foreach (TcpClient client in held)
                client.Dispose();
        }
        Directory.Delete(folder, recursive: true);

        double[] measured = [.. costs.Skip(warmup).Order()];
        return new Result(
            blackhole ? "accepting, never answering" : "refusing connections",
            measured.Length,
            measured.Average(),
            measured[measured.Length / 2],
            measured[Math.Min(measured.Length - 1, (int)(measured.Length * 0.99))],
            measured[^1],
            costs[0],
            shutdown.Elapsed.TotalSeconds,
            report.Describe());
    }
}
