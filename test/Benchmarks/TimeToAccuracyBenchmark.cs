using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Data;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Benchmarks;

/// <summary>
/// Wall-clock time from the start of <c>Fit</c> until validation accuracy first reaches each target, on a fixed split of
/// an image archive (e.g. ../shared/data/cifar10-train-jpg.tar.gz): within every class, in archive order, every tenth
/// image (5,000 of CIFAR-10's 50,000) validates and the rest (45,000) train. The recipe is the library's, with the
/// overrides given on the command line.
/// </summary>
internal static class TimeToAccuracyBenchmark
{
    private static readonly double[] Targets = { 0.80, 0.85, 0.90, 0.93 };

    public sealed record Result(
        string Recipe, int TrainImages, int ValidationImages, Dictionary<string, double?> SecondsToTarget,
        double BestValidationAccuracy, int Epochs, double TotalSeconds, double PeakGigabytes, string Outcome, EpochRow[] History);

    public sealed record EpochRow(int Epoch, double Seconds, double TrainLoss, double TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy, double LearningRate, double ImagesPerSecond);

    public static Result Run(string archive, CifarCnnTrainer.Options options, int? perClassLimit)
    {
        var ml = new MLContext(seed: 1);
        CifarArchiveContents contents = CifarData.LoadImageArchive(ml, archive, new ImageArchiveOptions { MaxImagesPerClass = perClassLimit });
        CifarDataSet all = contents.Splits.TryGetValue(CifarArchiveContents.TrainSplit, out CifarDataSet? train) ? train : contents.Splits.Values.First();
        (IDataView trainView, IDataView validationView) = SplitEveryTenth(all);
        ITransformer toKey = all.MapLabelToKey(ml).Fit(all.Data);
        IDataView trainSet = toKey.Transform(trainView);
        options.ValidationSet = toKey.Transform(validationView);

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

    private static (IDataView Train, IDataView Validation) SplitEveryTenth(CifarDataSet data)
    {
        var seen = new int[data.ClassNames.Count];
        var train = (Labels: new List<byte>(), Pixels: new List<byte[]>());
        var validation = (Labels: new List<byte>(), Pixels: new List<byte[]>());
        var classIndex = data.ClassNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => (byte)p.i);
        using (DataViewRowCursor cursor = data.Data.GetRowCursor(data.Data.Schema))
        {
            ValueGetter<ReadOnlyMemory<char>> label = cursor.GetGetter<ReadOnlyMemory<char>>(data.Data.Schema["Label"]);
            ValueGetter<VBuffer<float>> features = cursor.GetGetter<VBuffer<float>>(data.Data.Schema["Features"]);
            ReadOnlyMemory<char> name = default;
            VBuffer<float> pixels = default;
            while (cursor.MoveNext())
            {
                label(ref name);
                features(ref pixels);
                byte c = classIndex[name.ToString()];
                var side = seen[c]++ % 10 == 0 ? validation : train;
                side.Labels.Add(c);
                side.Pixels.Add(pixels.DenseValues().Select(v => (byte)v).ToArray());
            }
        }
        return (new CifarBinaryDataView(train.Labels.ToArray(), train.Pixels.ToArray(), data.ClassNames),
                new CifarBinaryDataView(validation.Labels.ToArray(), validation.Pixels.ToArray(), data.ClassNames));
    }

    private static string Describe(CifarCnnTrainer.Options o) =>
        $"{o.Architecture} width {o.NetworkWidth?.ToString(CultureInfo.InvariantCulture) ?? "recipe"}, batch {o.BatchSize?.ToString(CultureInfo.InvariantCulture) ?? "recipe"}, " +
        $"max {o.MaxEpochs?.ToString(CultureInfo.InvariantCulture) ?? "recipe"} epochs, lr {o.LearningRate?.ToString(CultureInfo.InvariantCulture) ?? "recipe"}, " +
        $"schedule {o.LearningRateSchedule?.ToString() ?? "recipe"}, augment {o.Augment?.ToString() ?? "recipe"}, label smoothing {o.LabelSmoothing?.ToString(CultureInfo.InvariantCulture) ?? "recipe"}";

}
