using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

/// <summary>A trained model saved with plain <c>mlContext.Model.Save</c> loads with plain <c>Model.Load</c>, here and in a fresh process.</summary>
[TestClass]
public sealed class CifarCnnModelZipTests
{
    private sealed class FeatureRow
    {
        [VectorType(3, 32, 32)]
        public float[] Features { get; set; } = [];
    }

    [TestMethod]
    public void SavedPipelineScoresTheSameAfterLoadingHereAndInAFreshProcess()
    {
        var ml = new MLContext(seed: 1);
        var options = new CifarCnnTrainer.Options { NetworkWidth = 8, MaxEpochs = 2, BatchSize = 50, Seed = 5, ValidationSet = MiniCifar.Validation };
        CifarCnnTransformer model = ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(MiniCifar.Train);

        float[][] pixels = ml.Data.CreateEnumerable<FeatureRow>(MiniCifar.Validation, reuseRowObject: false).Take(20).Select(r => r.Features).ToArray();
        float[][] expected = model.Transform(MiniCifar.Validation).GetColumn<float[]>("Score").Take(20).ToArray();
        string[] expectedLabels = ml.Transforms.Conversion.MapKeyToValue("Predicted", "PredictedLabel").Fit(model.Transform(MiniCifar.Validation))
            .Transform(model.Transform(MiniCifar.Validation)).GetColumn<string>("Predicted").Take(20).ToArray();

        string folder = Path.Combine(Path.GetTempPath(), $"cifar-zip-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            string zip = Path.Combine(folder, "model.zip");
            ml.Model.Save(model, MiniCifar.Validation.Schema, zip);

            var fresh = new MLContext();
            ITransformer loaded = fresh.Model.Load(zip, out DataViewSchema inputSchema);
            try
            {
                Assert.IsNotNull(inputSchema.GetColumnOrNull("Features"));
                float[][] reloaded = loaded.Transform(MiniCifar.Validation).GetColumn<float[]>("Score").Take(20).ToArray();
                for (int i = 0; i < expected.Length; i++)
                    for (int c = 0; c < expected[i].Length; c++)
                        Assert.AreEqual(expected[i][c], reloaded[i][c], 1e-5, $"row {i} class {c} after Load in this process");
            }
            finally
            {
                (loaded as IDisposable)?.Dispose();
            }

            string rows = Path.Combine(folder, "rows.bin");
            ModelZipProbe.WriteRows(rows, pixels);
            ModelZipProbe.Result probe = ModelZipProbe.Run(zip, rows);

            CollectionAssert.AreEqual(MiniCifar.ClassNames.ToList(), probe.ScoreSlotNames);
            CollectionAssert.AreEqual(MiniCifar.ClassNames.ToList(), probe.PredictedLabelKeyValues);
            CollectionAssert.AreEqual(expectedLabels, probe.PredictedLabels);
            for (int i = 0; i < expected.Length; i++)
                for (int c = 0; c < expected[i].Length; c++)
                    Assert.AreEqual(expected[i][c], probe.Scores[i][c], 1e-5, $"row {i} class {c} in a fresh process");
            Assert.DoesNotContain("TorchSharp", probe.LoadedAssemblies, "scoring a saved model must not need TorchSharp");
            Assert.DoesNotContain("Microsoft.ML.EarlyStopping", probe.LoadedAssemblies, "scoring a saved model must not need this library");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void ScoresMatchTheTorchSharpNetworkTheModelWasExportedFrom()
    {
        var ml = new MLContext(seed: 1);
        var options = new CifarCnnTrainer.Options { NetworkWidth = 8, MaxEpochs = 1, BatchSize = 50, Seed = 5, ValidationSet = MiniCifar.Validation };
        CifarCnnTransformer model = ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(MiniCifar.Train);

        // Evaluating through ONNX must reproduce the trainer's own TorchSharp validation pass on the kept weights.
        MulticlassClassificationMetrics metrics = ml.MulticlassClassification.Evaluate(model.Transform(MiniCifar.Validation));
        EpochMetrics kept = model.TrainingSummary.History.Single(h => h.Epoch == model.TrainingSummary.WeightsEpoch);
        Assert.AreEqual(kept.ValidationLoss!.Value, metrics.LogLoss, 1e-4);
    }
}
