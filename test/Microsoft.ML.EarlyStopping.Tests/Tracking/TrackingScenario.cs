using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Tracking.Http;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking;

/// <summary>Synthetic training runs for tracker tests: no network training, just the observer calls a fit would make.</summary>
internal static class TrackingScenario
{
    public static HttpRetryOptions FastRetry(int retries = 3) => new()
    {
        MaxRetries = retries,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(40),
        MaxRetryAfter = TimeSpan.FromSeconds(2),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    };

    public static TrainingStartedEvent Started(int trainingRows = 900, int validationRows = 100) => new()
    {
        Architecture = CifarArchitecture.FastResNet,
        Parameters = [new("Architecture", "FastResNet"), new("LearningRate", "0.05"), new("EarlyStopping.Patience", "10")],
        ClassNames = ["airplane", "automobile", "bird"],
        TrainingRows = trainingRows,
        ValidationRows = validationRows,
        Device = "cpu (2 threads)",
        StartTime = DateTimeOffset.UtcNow,
    };

    /// <summary>Epoch metrics whose values are a simple function of the epoch, so tests can check each one arrived.</summary>
    public static EpochMetrics Epoch(int epoch, int maxEpochs = 10, double? validationLoss = null)
    {
        EarlyStoppingVerdict verdict = new()
        {
            Epoch = epoch,
            Value = validationLoss ?? ValidationLoss(epoch),
            IsMonitored = true,
            IsImprovement = epoch % 3 != 0,
            ResetsPatience = epoch % 3 != 0,
            ShouldSnapshotWeights = false,
            ShouldStop = false,
            Reason = EarlyStoppingReason.None,
            Message = null,
            EpochsWithoutImprovement = epoch % 3 == 0 ? 1 : 0,
            BestEpoch = epoch,
            BestValue = ValidationLoss(epoch),
            BaselineReached = false,
        };
        return new EpochMetrics
        {
            Epoch = epoch,
            MaxEpochs = maxEpochs,
            TrainingLoss = TrainingLoss(epoch),
            TrainingAccuracy = 0.1 + epoch * 0.01,
            ValidationLoss = validationLoss ?? ValidationLoss(epoch),
            ValidationAccuracy = 0.2 + epoch * 0.01,
            LearningRate = 0.05 / epoch,
            Duration = TimeSpan.FromSeconds(10 + epoch),
            ImagesPerSecond = 1000 + epoch,
            TrainingImages = 900,
            EarlyStopping = verdict,
        };
    }

    public static double TrainingLoss(int epoch) => 2.5 - epoch * 0.1;

    public static double ValidationLoss(int epoch) => 2.6 - epoch * 0.1;

    public static TrainingEndedEvent Finished(int epochs)
    {
        var history = Enumerable.Range(1, epochs).Select(e => Epoch(e, epochs)).ToList();
        var summary = new CifarCnnTrainingSummary(history, EarlyStoppingReason.PatienceExhausted, epochs, Math.Max(1, epochs - 2), ValidationLoss(Math.Max(1, epochs - 2)),
            Math.Max(1, epochs - 2), $"Stopped at epoch {epochs}; kept epoch {Math.Max(1, epochs - 2)}.", TimeSpan.FromSeconds(12.5), CifarArchitecture.FastResNet,
            "cpu (2 threads)", ["airplane", "automobile", "bird"], 900, 100);
        return new TrainingEndedEvent { State = TrainingEndState.Finished, Summary = summary, EndTime = DateTimeOffset.UtcNow };
    }

    /// <summary>What a whole fit would tell its observer: start, <paramref name="epochs"/> epochs, a finished end.</summary>
    public static void Train(ITrainingObserver observer, int epochs, int firstEpoch = 1)
    {
        observer.OnTrainingStarted(Started());
        for (int epoch = firstEpoch; epoch < firstEpoch + epochs; epoch++)
            observer.OnEpochEnded(Epoch(epoch, firstEpoch + epochs - 1));
        observer.OnTrainingEnded(Finished(epochs));
    }

    /// <summary>Every text file under a folder, concatenated with its path (for secret searches).</summary>
    public static string AllText(string folder) =>
        string.Join("\n", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => f + "\n" + System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f))));
}
