using Microsoft.ML.EarlyStopping.Data;
using Microsoft.ML.EarlyStopping.Tests.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

/// <summary>The pipeline users write (README and the product brief), run as written on real images.</summary>
[TestClass]
public sealed class ReadmeExampleTests
{
    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }

    [TestMethod]
    public void MapValueToKeyThenImageTransformsThenCifarCnnFitsEvaluatesSavesAndLoads()
    {
        var mlContext = new MLContext(seed: 1);
        // Image paths and text labels only; decoding happens in the pipeline through ML.NET's image transforms.
        IDataView train = FirstPerClass(mlContext, CifarData.ScanImageFolder(mlContext, SharedData.MiniTrainFolder).Data, 30);
        IDataView test = FirstPerClass(mlContext, CifarData.ScanImageFolder(mlContext, SharedData.MiniValFolder).Data, 10);

        var pipeline = mlContext.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(mlContext.Transforms.LoadImages("Image", imageFolder: "", inputColumnName: "ImagePath"))
            .Append(mlContext.Transforms.ResizeImages("Image", imageWidth: 32, imageHeight: 32))
            .Append(mlContext.Transforms.ExtractPixels("Features", "Image"))
            .Append(mlContext.MulticlassClassification.Trainers.CifarCnn(patience: 2, maxEpochs: 2, batchSize: 50));

        ITransformer model = pipeline.Fit(train);
        var metrics = mlContext.MulticlassClassification.Evaluate(model.Transform(test));

        Assert.IsTrue(metrics.MicroAccuracy > 0.1, $"two epochs on 300 images should beat chance (10%), got {metrics.MicroAccuracy:P1}");
        StringAssert.Contains(metrics.ConfusionMatrix.GetFormattedConfusionTable(), "airplane");

        string zip = Path.Combine(Path.GetTempPath(), $"readme-{Guid.NewGuid():N}.zip");
        try
        {
            mlContext.Model.Save(model, train.Schema, zip);
            ITransformer loaded = new MLContext().Model.Load(zip, out _);
            try
            {
                double reloaded = new MLContext().MulticlassClassification.Evaluate(loaded.Transform(test)).MicroAccuracy;
                Assert.AreEqual(metrics.MicroAccuracy, reloaded, 1e-9, "the loaded pipeline, image transforms included, scores like the trained one");
            }
            finally
            {
                (loaded as IDisposable)?.Dispose();
            }
        }
        finally
        {
            File.Delete(zip);
        }
    }

    private static IDataView FirstPerClass(MLContext ml, IDataView data, int perClass) =>
        ml.Data.FilterByCustomPredicate<PathRow>(data, r => int.Parse(Path.GetFileNameWithoutExtension(r.ImagePath), System.Globalization.CultureInfo.InvariantCulture) % 100 >= perClass);
}
