using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.EarlyStopping.Data;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Benchmarks;

/// <summary>
/// Wall-clock time from the start of <c>Fit</c> until validation accuracy first reaches each target, on a fixed split of
/// an image-folder tree: images whose file number is divisible by 10 (5,000 of CIFAR-10's 50,000) validate, the rest
/// (45,000) train. The recipe is the library's, with the overrides given on the command line.
/// </summary>
internal static class TimeToAccuracyBenchmark
{
    private static readonly double[] Targets = { 0.80, 0.85, 0.90, 0.93 };

    public sealed record Result(
        string Recipe, int TrainImages, int ValidationImages, Dictionary<string, double?> SecondsToTarget,
        double BestValidationAccuracy, int Epochs, double TotalSeconds, double PeakGigabytes, string Outcome, EpochRow[] History);

    public sealed record EpochRow(int Epoch, double Seconds, double TrainLoss, double TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy, double LearningRate, double ImagesPerSecond);

    public static Result Run(string root, CifarCnnTrainer.Options options, int? perClassLimit)
    {
        var ml = new MLContext(seed: 1);
        string train = Directory.Exists(Path.Combine(root, "train")) ? Path.Combine(root, "train") : root;
        CifarDataSet all = CifarData.LoadImageFolder(ml, train, new ImageFolderOptions { ValidateImages = false });
        ITransformer toKey = all.MapLabelToKey(ml).Fit(all.Data);
        IDataView keyed = ml.Data.Cache(toKey.Transform(all.Data));
        IDataView trainSet = ml.Data.FilterByCustomPredicate<PathRow>(keyed, r => IsValidation(r.ImagePath) || OverLimit(r.ImagePath, perClassLimit));
        IDataView validationSet = ml.Data.FilterByCustomPredicate<PathRow>(keyed, r => !IsValidation(r.ImagePath) || OverLimit(r.ImagePath, perClassLimit));
        options.ValidationSet = validationSet;

        var history = new List<EpochRow>();
        var reached = Targets.ToDictionary(t => t.ToString("P0", CultureInfo.InvariantCulture), _ => (double?)null);
        var clock = new Stopwatch();
        options.EpochEnded = m =>
        {
            double seconds = clock.Elapsed.TotalSeconds;
            history.Add(new EpochRow(m.Epoch, seconds, m.TrainingLoss, m.TrainingAccuracy, m.ValidationLoss, m.ValidationAccuracy, m.LearningRate, m.ImagesPerSecond));
            Console.WriteLine($"  epoch {m.Epoch,3} at {seconds,7:F0} s: train {m.TrainingLoss:F4} {m.TrainingAccuracy:P1}, validation {m.ValidationLoss:F4} {m.ValidationAccuracy:P2}, lr {m.LearningRate:G3}, {m.ImagesPerSecond:F0} img/s");
            foreach (double target in Targets)
            {
                string key = target.ToString("P0", CultureInfo.InvariantCulture);
                if (reached[key] == null && m.ValidationAccuracy >= target)
                    reached[key] = seconds;
            }
        };
        clock.Start();
        CifarCnnTransformer model = ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(trainSet);
        clock.Stop();
        CifarCnnTrainingSummary summary = model.TrainingSummary;
        return new Result(
            Describe(options), summary.TrainingRows, summary.ValidationRows, reached,
            history.Max(h => h.ValidationAccuracy ?? 0), history.Count, clock.Elapsed.TotalSeconds, PeakMemory.Gigabytes(), summary.Outcome, history.ToArray());
    }

    private static bool IsValidation(string path) => Number(path) % 10 == 0;

    private static bool OverLimit(string path, int? perClassLimit) => perClassLimit is int limit && Number(path) >= limit;

    private static int Number(string path) => int.Parse(Path.GetFileNameWithoutExtension(path), CultureInfo.InvariantCulture);

    private static string Describe(CifarCnnTrainer.Options o) =>
        $"{o.Architecture} width {o.NetworkWidth}, batch {o.BatchSize}, max {o.MaxEpochs} epochs, lr {o.LearningRate?.ToString(CultureInfo.InvariantCulture) ?? "recipe"}, " +
        $"schedule {o.LearningRateSchedule?.ToString() ?? "recipe"}, augment {o.Augment?.ToString() ?? "recipe"}, label smoothing {o.LabelSmoothing?.ToString(CultureInfo.InvariantCulture) ?? "recipe"}";

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }
}
