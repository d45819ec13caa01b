using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Export;

namespace Microsoft.ML.EarlyStopping.Tests.Export;

/// <summary>File lifetime and validation of the ML.NET scoring chain.</summary>
[TestClass]
public sealed class OnnxClassifierTransformsTests
{
    private sealed class InputRow
    {
        [VectorType(3072)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];

        public string PredictedLabel { get; set; } = "";
    }

    private static IDataView Rows(MLContext mlContext, int count)
        => mlContext.Data.LoadFromEnumerable(TinyCifarNetwork.RandomRows(count, seed: 71).Select(r => new InputRow { Features = r }));

    [TestMethod]
    public void TransformerOwnsItsTemporaryModelCopyAndDeletesItOnDispose()
    {
        string temp = Directory.CreateTempSubdirectory("onnx-lifetime-").FullName;
        try
        {
            using var net = new TinyCifarNetwork(seed: 72);
            var mlContext = new MLContext(seed: 1) { TempFilePath = temp };
            IDataView data = Rows(mlContext, 3);

            var model = (IDisposable)OnnxClassifierTransforms.CreateTransformer(
                mlContext, TorchSharpOnnxExporter.ExportClassifier(net.Network, net.ExportOptions), data, net.ExportOptions.ToScoringOptions());
            int filesWhileAlive = Directory.GetFiles(temp).Length;
            float[][] scores = ((ITransformer)model).Transform(data).GetColumn<float[]>("Score").ToArray();
            model.Dispose();

            Assert.AreEqual(1, filesWhileAlive, "exactly one model copy (ML.NET's) while the transformer is alive");
            Assert.HasCount(3, scores);
            Assert.IsEmpty(Directory.GetFiles(temp), "no file may be left behind after Dispose");
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [TestMethod]
    public void EstimatorFromFileProducesTheSameScoresAsTheInMemoryTransformer()
    {
        using var net = new TinyCifarNetwork(seed: 73);
        byte[] onnx = TorchSharpOnnxExporter.ExportClassifier(net.Network, net.ExportOptions);
        var mlContext = new MLContext(seed: 1);
        IDataView data = Rows(mlContext, 4);
        string path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, onnx);
        try
        {
            float[][] fromFile;
            using (var fitted = (IDisposable)OnnxClassifierTransforms.CreateEstimator(mlContext, path, net.ExportOptions.ToScoringOptions()).Fit(data))
                fromFile = ((ITransformer)fitted).Transform(data).GetColumn<float[]>("Score").ToArray();
            float[][] inMemory;
            using (var model = (IDisposable)OnnxClassifierTransforms.CreateTransformer(mlContext, onnx, data, net.ExportOptions.ToScoringOptions()))
                inMemory = ((ITransformer)model).Transform(data).GetColumn<float[]>("Score").ToArray();
            float[][] reference = net.ReferenceProbabilities(TinyCifarNetwork.RandomRows(4, seed: 71));

            for (int i = 0; i < 4; i++)
            {
                TensorAssert.AreClose(reference[i], fromFile[i], what: $"row {i} from file");
                CollectionAssert.AreEqual(fromFile[i], inMemory[i], $"row {i}: file and in-memory routes");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void PredictionEngineGivesClassNameAfterMapKeyToValue()
    {
        using var net = new TinyCifarNetwork(seed: 74);
        float[][] rows = TinyCifarNetwork.RandomRows(6, seed: 75);
        float[][] reference = net.ReferenceProbabilities(rows);
        var mlContext = new MLContext(seed: 1);
        IDataView data = mlContext.Data.LoadFromEnumerable(rows.Select(r => new InputRow { Features = r }));
        using var model = (IDisposable)OnnxClassifierTransforms.CreateTransformer(
            mlContext, TorchSharpOnnxExporter.ExportClassifier(net.Network, net.ExportOptions), data, net.ExportOptions.ToScoringOptions());
        ITransformer withText = ((ITransformer)model).Append(
            mlContext.Transforms.Conversion.MapKeyToValue("PredictedLabel").Fit(((ITransformer)model).Transform(data)));

        using var engine = mlContext.Model.CreatePredictionEngine<InputRow, Prediction>(withText);
        for (int i = 0; i < rows.Length; i++)
        {
            Prediction prediction = engine.Predict(new InputRow { Features = rows[i] });
            Assert.AreEqual(TinyCifarNetwork.ClassNames[TinyCifarNetwork.ArgMax(reference[i])], prediction.PredictedLabel, $"row {i}");
            TensorAssert.AreClose(reference[i], prediction.Score, what: $"row {i} scores");
        }
    }

    [TestMethod]
    public void MissingModelFileIsNamed()
    {
        var options = new OnnxClassifierScoringOptions { ClassNames = ["a", "b"] };

        var error = Assert.ThrowsExactly<FileNotFoundException>(() => OnnxClassifierTransforms.CreateEstimator(new MLContext(), "/no/such/model.onnx", options));

        Assert.Contains("/no/such/model.onnx", error.Message);
    }

    [TestMethod]
    [DataRow(new[] { "cat" }, "PredictedLabel")]
    [DataRow(new[] { "cat", "cat" }, "PredictedLabel")]
    [DataRow(new[] { "cat", "dog" }, "Score")]
    public void InvalidOptionsAreRejected(string[] classNames, string predictedLabelColumn)
    {
        var options = new OnnxClassifierScoringOptions { ClassNames = classNames, PredictedLabelColumnName = predictedLabelColumn };
        var mlContext = new MLContext();

        Assert.ThrowsExactly<ArgumentException>(() => OnnxClassifierTransforms.CreateEstimator(mlContext, typeof(OnnxClassifierTransformsTests).Assembly.Location, options));
    }
}
