using CifarDemo.Cli;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo;

/// <summary>The command line: the verbs, their help, and how errors become exit codes. Tests call <see cref="Run"/> in-process.</summary>
internal static class DemoApp
{
    public const string Name = "CifarDemo";

    /// <param name="args">The command line.</param>
    /// <param name="console">Where everything is written.</param>
    /// <param name="cancellationToken">Ctrl+C: training stops after the current batch and keeps the best model so far.</param>
    /// <returns>The exit code (see <see cref="ExitCodes"/>).</returns>
    public static int Run(string[] args, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        bool verbose = args.Contains("--verbose", StringComparer.Ordinal);
        var app = new CommandApp<TrainCommand>();
        app.WithDescription("Trains a CIFAR-10 image classifier with early stopping (the default verb is train).");
        app.Configure(config =>
        {
            config.SetApplicationName(Name);
            config.Settings.Console = console;
            config.Settings.StrictParsing = true; // a mistyped option must not start a long download and training run
            config.SetExceptionHandler((exception, _) => ErrorReporter.Report(console, exception, verbose));
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Get the data, train with early stopping, evaluate on the test set and save everything in a run folder (the default).")
                .WithExample("train")
                .WithExample("train", "--quick")
                .WithExample("train", "--data", "../shared/data/cifar10-train-jpg.tar.gz", "--max-epochs", "20", "--patience", "5");
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithDescription("Evaluate a saved model.zip on the test split of the data (or its held-out part).")
                .WithExample("evaluate", "--model", "runs/20260101-120000/model.zip", "--data", "../shared/data/cifar10-mini");
            config.AddCommand<PredictCommand>("predict")
                .WithDescription("Show the most likely classes of images of any size.")
                .WithExample("predict", "--model", "runs/20260101-120000/model.zip", "cat.jpg", "ship.png");
            config.AddCommand<SyncCommand>("sync")
                .WithDescription("Upload a run's spooled tracker events (MLflow, Neptune) that did not reach the server during training.")
                .WithExample("sync", "runs/20260101-120000");
            config.AddCommand<DownloadCommand>("download")
                .WithDescription("Download and verify CIFAR-10 into the cache, for later offline runs.")
                .WithExample("download");
        });
        return app.Run(args, cancellationToken);
    }
}
