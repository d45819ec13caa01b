using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Export;

namespace Microsoft.ML.EarlyStopping.Tests.Export;

/// <summary>
/// The whole route: a TorchSharp CNN exported to ONNX, scored by ML.NET's ApplyOnnxModel with class names,
/// saved in an ML.NET model zip and reloaded in this process and in a separate process without TorchSharp.
/// </summary>
[TestClass]
public sealed class OnnxClassifierRoundTripTests
{
    public TestContext TestContext { get; set; } = null!;

    private sealed class InputRow
    {
        [VectorType(3072)]
        public float[] Features { get; set; } = [];

        public string Label { get; set; } = "";
    }

    private sealed class ClassRow
    {
        public string Label { get; set; } = "";
    }

    private sealed class ScoredRow
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabelText { get; set; } = "";
    }

    private static IDataView Load(MLContext mlContext, float[][] rows, float[][] reference)
        => mlContext.Data.LoadFromEnumerable(rows.Select((r, i) => new InputRow
        {
            Features = r,
            // Half the labels agree with the network, so the confusion matrix has both diagonal and off-diagonal counts.
            Label = TinyCifarNetwork.ClassNames[i % 2 == 0 ? TinyCifarNetwork.ArgMax(reference[i]) : i % 10],
        }));

    private static ScoredRow[] Score(MLContext mlContext, ITransformer model, IDataView data)
    {
        IDataView scored = model.Transform(data);
        IDataView withText = mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabelText", "PredictedLabel").Fit(scored).Transform(scored);
        return mlContext.Data.CreateEnumerable<ScoredRow>(withText, reuseRowObject: false).ToArray();
    }

    private static void AssertMatchesReference(float[][] reference, ScoredRow[] scored, string where)
    {
        Assert.HasCount(reference.Length, scored, $"{where}: row count");
        for (int i = 0; i < reference.Length; i++)
        {
            TensorAssert.AreClose(reference[i], scored[i].Score, what: $"{where}: row {i} scores");
            Assert.AreEqual(TinyCifarNetwork.ClassNames[TinyCifarNetwork.ArgMax(reference[i])], scored[i].PredictedLabelText, $"{where}: row {i} predicted label");
        }
    }

    private static string[] Names(VBuffer<ReadOnlyMemory<char>> buffer) => buffer.DenseValues().Select(v => v.ToString()).ToArray();

    [TestMethod]
    public void ScoresMatchTorchSharpAndColumnsCarryClassNames()
    {
        using var net = new TinyCifarNetwork(seed: 21);
        float[][] rows = TinyCifarNetwork.RandomRows(24, seed: 22);
        float[][] reference = net.ReferenceProbabilities(rows);
        Assert.IsGreaterThan(1, reference.Select(TinyCifarNetwork.ArgMax).Distinct().Count(), "the random network should predict more than one class");
        byte[] onnx = TorchSharpOnnxExporter.ExportClassifier(net.Network, net.ExportOptions);
        var mlContext = new MLContext(seed: 1);
        IDataView data = Load(mlContext, rows, reference);

        using var model = (IDisposable)OnnxClassifierTransforms.CreateTransformer(mlContext, onnx, data, net.ExportOptions.ToScoringOptions());
        var transformer = (ITransformer)model;
        AssertMatchesReference(reference, Score(mlContext, transformer, data), "in-process");

        DataViewSchema schema = transformer.GetOutputSchema(data.Schema);
        var scoreType = (VectorDataViewType)schema["Score"].Type;
        Assert.AreEqual(NumberDataViewType.Single, scoreType.ItemType);
        Assert.AreEqual(10, scoreType.Size);
        VBuffer<ReadOnlyMemory<char>> slotNames = default;
        schema["Score"].GetSlotNames(ref slotNames);
        CollectionAssert.AreEqual(TinyCifarNetwork.ClassNames, Names(slotNames), "Score slot names");
        var labelType = (KeyDataViewType)schema["PredictedLabel"].Type;
        Assert.AreEqual(10UL, labelType.Count);
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        schema["PredictedLabel"].GetKeyValues(ref keyValues);
        CollectionAssert.AreEqual(TinyCifarNetwork.ClassNames, Names(keyValues), "PredictedLabel key values");
        Assert.IsNull(schema.GetColumnOrNull("PredictedIndex"), "the intermediate index column is dropped");
    }

    [TestMethod]
    public void EvaluateGivesConfusionMatrixWithClassNames()
    {
        using var net = new TinyCifarNetwork(seed: 31);
        float[][] rows = TinyCifarNetwork.RandomRows(40, seed: 32);
        float[][] reference = net.ReferenceProbabilities(rows);
        var mlContext = new MLContext(seed: 1);
        IDataView data = Load(mlContext, rows, reference);
        // Key data with every class fixes Label's keys to the class order even when some classes have no rows.
        IDataView classes = mlContext.Data.LoadFromEnumerable(TinyCifarNetwork.ClassNames.Select(name => new ClassRow { Label = name }));
        var labels = mlContext.Transforms.Conversion.MapValueToKey("Label", keyData: classes).Fit(data);
        IDataView keyed = labels.Transform(data);

        using var model = (IDisposable)OnnxClassifierTransforms.CreateTransformer(
            mlContext, TorchSharpOnnxExporter.ExportClassifier(net.Network, net.ExportOptions), keyed, net.ExportOptions.ToScoringOptions());
        MulticlassClassificationMetrics metrics = mlContext.MulticlassClassification.Evaluate(((ITransformer)model).Transform(keyed));

        // Rows with an even index carry the network's own prediction as label; odd rows a fixed class.
        int expectedCorrect = Enumerable.Range(0, rows.Length).Count(i => i % 2 == 0 || TinyCifarNetwork.ArgMax(reference[i]) == i % 10);
        Assert.AreEqual((double)expectedCorrect / rows.Length, metrics.MicroAccuracy, 1e-9);
        Assert.AreEqual(10, metrics.ConfusionMatrix.NumberOfClasses);
        string table = metrics.ConfusionMatrix.GetFormattedConfusionTable();
        TestContext.WriteLine(table);
        foreach (string name in TinyCifarNetwork.ClassNames)
            Assert.Contains(name, table, $"confusion table should name class '{name}'");
    }

    [TestMethod]
    public void SavedZipReloadsInFreshContextAndScoresIdentically()
    {
        using var net = new TinyCifarNetwork(seed: 41);
        float[][] rows = TinyCifarNetwork.RandomRows(16, seed: 42);
        float[][] reference = net.ReferenceProbabilities(rows);
        var mlContext = new MLContext(seed: 1);
        IDataView data = Load(mlContext, rows, reference);
        string zipPath = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        try
        {
            using (var model = (IDisposable)OnnxClassifierTransforms.CreateTransformer(
                mlContext, TorchSharpOnnxExporter.ExportClassifier(net.Network, net.ExportOptions), data, net.ExportOptions.ToScoringOptions()))
            {
                mlContext.Model.Save((ITransformer)model, data.Schema, zipPath);
            }

            var freshContext = new MLContext(seed: 2);
            ITransformer loaded = freshContext.Model.Load(zipPath, out DataViewSchema inputSchema);
            try
            {
                Assert.IsNotNull(inputSchema.GetColumnOrNull("Features"));
                AssertMatchesReference(reference, Score(freshContext, loaded, Load(freshContext, rows, reference)), "reloaded");
                MeasureThroughput(freshContext, loaded);
            }
            finally
            {
                (loaded as IDisposable)?.Dispose();
            }
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    private void MeasureThroughput(MLContext mlContext, ITransformer loaded)
    {
        const int count = 10_000;
        float[][] rows = TinyCifarNetwork.RandomRows(count, seed: 43);
        IDataView data = mlContext.Data.LoadFromEnumerable(rows.Select(r => new InputRow { Features = r, Label = "cat" }));
        IDataView scored = loaded.Transform(data);
        var stopwatch = Stopwatch.StartNew();
        int seen = 0;
        double worstSumError = 0;
        using (DataViewRowCursor cursor = scored.GetRowCursor(scored.Schema.Where(c => c.Name is "Score" or "PredictedLabel")))
        {
            ValueGetter<VBuffer<float>> score = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
            ValueGetter<uint> label = cursor.GetGetter<uint>(scored.Schema["PredictedLabel"]);
            VBuffer<float> buffer = default;
            uint key = 0;
            while (cursor.MoveNext())
            {
                score(ref buffer);
                label(ref key);
                Assert.IsTrue(key is >= 1 and <= 10, $"row {seen}: predicted key {key} is outside 1..10");
                worstSumError = Math.Max(worstSumError, Math.Abs(buffer.DenseValues().Sum() - 1.0));
                seen++;
            }
        }
        stopwatch.Stop();
        Assert.AreEqual(count, seen);
        Assert.IsLessThan(1e-4, worstSumError, "softmax scores must sum to 1");
        TestContext.WriteLine($"Transform through the reloaded zip: {count} rows in {stopwatch.Elapsed.TotalSeconds:F2} s = {count / stopwatch.Elapsed.TotalSeconds:F0} rows/s");
    }

    [TestMethod]
    public void SavedZipScoresInSeparateProcessWithoutTorchSharp()
    {
        using var net = new TinyCifarNetwork(seed: 51);
        float[][] rows = TinyCifarNetwork.RandomRows(12, seed: 52);
        float[][] reference = net.ReferenceProbabilities(rows);
        var mlContext = new MLContext(seed: 1);
        IDataView data = Load(mlContext, rows, reference);
        string directory = Path.Combine(Path.GetTempPath(), $"onnx-probe-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            string zipPath = Path.Combine(directory, "model.zip");
            string rowsPath = Path.Combine(directory, "rows.bin");
            using (var model = (IDisposable)OnnxClassifierTransforms.CreateTransformer(
                mlContext, TorchSharpOnnxExporter.ExportClassifier(net.Network, net.ExportOptions), data, net.ExportOptions.ToScoringOptions()))
            {
                mlContext.Model.Save((ITransformer)model, data.Schema, zipPath);
            }
            ModelZipProbe.WriteRows(rowsPath, rows);

            ModelZipProbe.Result result = ModelZipProbe.Run(zipPath, rowsPath);

            CollectionAssert.AreEqual(TinyCifarNetwork.ClassNames, result.ScoreSlotNames);
            CollectionAssert.AreEqual(TinyCifarNetwork.ClassNames, result.PredictedLabelKeyValues);
            Assert.StartsWith("Key<UInt32", result.PredictedLabelType);
            Assert.HasCount(rows.Length, result.Scores);
            for (int i = 0; i < rows.Length; i++)
            {
                TensorAssert.AreClose(reference[i], result.Scores[i], what: $"probe row {i} scores");
                Assert.AreEqual(TinyCifarNetwork.ClassNames[TinyCifarNetwork.ArgMax(reference[i])], result.PredictedLabels[i], $"probe row {i} label");
            }
            Assert.Contains("Microsoft.ML.OnnxTransformer", result.LoadedAssemblies);
            Assert.DoesNotContain("TorchSharp", result.LoadedAssemblies, "the probe must score without TorchSharp");
            Assert.DoesNotContain("Microsoft.ML.EarlyStopping", result.LoadedAssemblies, "the probe must score without this library");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
