using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Tests.Data;
using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking;

/// <summary>One small end-to-end fit on synthetic images: the trainer calls its observer, and a broken observer cannot hurt it.</summary>
[TestClass]
public sealed class TrainerObserverTests
{
    private sealed class ImageRow
    {
        public string Label { get; set; } = "";

        [VectorType(3 * 32 * 32)]
        public float[] Features { get; set; } = [];
    }

    private static IDataView SyntheticImages(MLContext ml)
    {
        var random = new Random(3);
        var rows = new List<ImageRow>();
        string[] classes = ["red", "green", "blue"];
        for (int i = 0; i < 36; i++)
        {
            int label = i % 3;
            float[] pixels = new float[3 * 32 * 32];
            for (int p = 0; p < pixels.Length; p++)
                pixels[p] = (p / 1024 == label ? 200f : 30f) + random.Next(40);
            rows.Add(new ImageRow { Label = classes[label], Features = pixels });
        }
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        return ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
    }

    private static CifarCnnTrainer.Options Tiny(ITrainingObserver observer) => new()
    {
        Architecture = CifarArchitecture.FastResNet,
        NetworkWidth = 4,
        MaxEpochs = 2,
        BatchSize = 12,
        ValidationFraction = 1.0 / 3,
        Seed = 1,
        Observer = observer,
    };

    [TestMethod]
    public async Task ATrackerSeesStartEveryEpochAndTheEndAndAThrowingObserverCannotStopTraining()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = SyntheticImages(ml);
        using var folder = new TempFolder();
        var sink = new RecordingSink();
        var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder.Path, Sinks = [sink], Log = _ => { } });

        CifarCnnTransformer model = ml.MulticlassClassification.Trainers.CifarCnn(Tiny(tracker)).Fit(data);
        await tracker.CompleteAsync();

        var started = (RunStartedEvent)sink.Events[0];
        Assert.AreEqual("4", started.Parameters["NetworkWidth"]);
        Assert.AreEqual("SgdNesterov", started.Parameters["Optimizer"]);
        Assert.AreEqual("10", started.Parameters["EarlyStopping.Patience"]);
        Assert.AreEqual("blue,green,red", string.Join(",", started.Parameters["Data.Classes"].Split(',').Order()));
        Assert.AreEqual("24", started.Parameters["Data.TrainingRows"]);
        CollectionAssert.AreEqual(new[] { 1, 2 }, sink.Events.OfType<EpochEndedEvent>().Select(e => e.Epoch).ToArray());
        EpochEndedEvent last = sink.Events.OfType<EpochEndedEvent>().Last();
        Assert.AreEqual(model.TrainingSummary.History[1].TrainingLoss, last.Metrics[TrackingMetricNames.TrainingLoss]);
        Assert.AreEqual(model.TrainingSummary.History[1].ValidationAccuracy!.Value, last.Metrics[TrackingMetricNames.ValidationAccuracy]);
        TrainingOutcomeEvent outcome = sink.Events.OfType<TrainingOutcomeEvent>().Single();
        Assert.AreEqual(RunEndState.Finished, outcome.State);
        Assert.AreEqual(model.TrainingSummary.StopReason.ToString(), outcome.StopReason);
        Assert.AreEqual(model.TrainingSummary.Outcome, outcome.Outcome);

        var throwing = new ThrowingObserver();
        CifarCnnTransformer survived = ml.MulticlassClassification.Trainers.CifarCnn(Tiny(throwing)).Fit(data);
        Assert.HasCount(2, survived.TrainingSummary.History, "training went on after the observer threw");
        Assert.AreEqual(4, throwing.Calls, "start, two epochs and the end were all attempted");
    }

    private sealed class ThrowingObserver : ITrainingObserver
    {
        public int Calls { get; private set; }

        public void OnTrainingStarted(TrainingStartedEvent started) => Throw();

        public void OnEpochEnded(EpochMetrics metrics) => Throw();

        public void OnTrainingEnded(TrainingEndedEvent ended) => Throw();

        private void Throw()
        {
            Calls++;
            throw new InvalidOperationException("tracker exploded");
        }
    }
}
