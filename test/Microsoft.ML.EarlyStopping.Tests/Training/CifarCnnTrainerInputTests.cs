using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

/// <summary>Bad columns, data and options are rejected before any training, with a message naming what is wrong.</summary>
[TestClass]
public sealed class CifarCnnTrainerInputTests
{
    private sealed class Row
    {
        public string Label { get; set; } = "";

        [VectorType(3072)]
        public float[] Features { get; set; } = new float[3072];
    }

    private sealed class ShortRow
    {
        public string Label { get; set; } = "";

        [VectorType(100)]
        public float[] Features { get; set; } = new float[100];
    }

    private static IDataView Keyed(MLContext ml, IDataView data) =>
        ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);

    private static IDataView Rows(MLContext ml, params string[] labels) =>
        Keyed(ml, ml.Data.LoadFromEnumerable(labels.Select(l => new Row { Label = l })));

    // SchemaShape.Create is internal to ML.NET (its pipelines call it), so tests reach it by reflection.
    private static SchemaShape ShapeOf(DataViewSchema schema)
    {
        var create = typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic, new[] { typeof(DataViewSchema) })!;
        return (SchemaShape)create.Invoke(null, new object[] { schema })!;
    }

    private static CifarCnnTrainer Trainer(MLContext ml, Action<CifarCnnTrainer.Options>? configure = null)
    {
        var options = new CifarCnnTrainer.Options { MaxEpochs = 1, NetworkWidth = 4 };
        configure?.Invoke(options);
        return ml.MulticlassClassification.Trainers.CifarCnn(options);
    }

    [TestMethod]
    public void MissingLabelColumnIsNamed()
    {
        var ml = new MLContext(1);
        IDataView data = Rows(ml, "a", "b");
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml, o => o.LabelColumnName = "Target").Fit(data));
        StringAssert.Contains(error.Message, "'Target'");
    }

    [TestMethod]
    public void TextLabelIsRejectedWithTheFix()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new Row { Label = "a" }, new Row { Label = "b" } });
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml).Fit(data));
        StringAssert.Contains(error.Message, "key type");
        StringAssert.Contains(error.Message, "MapValueToKey");
    }

    [TestMethod]
    public void MissingFeatureColumnIsNamed()
    {
        var ml = new MLContext(1);
        IDataView data = Rows(ml, "a", "b");
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml, o => o.FeatureColumnName = "Pixels").Fit(data));
        StringAssert.Contains(error.Message, "'Pixels'");
    }

    [TestMethod]
    public void FeatureVectorOfTheWrongSizeIsRejected()
    {
        var ml = new MLContext(1);
        IDataView data = Keyed(ml, ml.Data.LoadFromEnumerable(new[] { new ShortRow { Label = "a" }, new ShortRow { Label = "b" } }));
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml).Fit(data));
        StringAssert.Contains(error.Message, "3072");
        StringAssert.Contains(error.Message, "'Features'");
    }

    [TestMethod]
    public void FewerThanTwoClassesIsRejected()
    {
        var ml = new MLContext(1);
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml).Fit(Rows(ml, "a", "a", "a")));
        StringAssert.Contains(error.Message, "at least 2");
    }

    [TestMethod]
    public void EmptyTrainingDataIsRejected()
    {
        var ml = new MLContext(1);
        IDataView data = Rows(ml, "a", "b");
        IDataView empty = ml.Data.SkipRows(data, 10);
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml).Fit(empty));
        StringAssert.Contains(error.Message, "no rows");
    }

    [TestMethod]
    public void ValidationSetWithOtherClassesIsRejected()
    {
        var ml = new MLContext(1);
        IDataView train = Rows(ml, "a", "b", "a", "b");
        IDataView validation = Rows(ml, "a", "c");
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml, o => o.ValidationSet = validation).Fit(train));
        StringAssert.Contains(error.Message, "validation set");
    }

    [TestMethod]
    public void ValidationSetWithoutTheFeatureColumnIsRejected()
    {
        var ml = new MLContext(1);
        IDataView train = Rows(ml, "a", "b");
        IDataView validation = ml.Transforms.DropColumns("Features").Fit(train).Transform(train);
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml, o => o.ValidationSet = validation).Fit(train));
        StringAssert.Contains(error.Message, "validation set");
        StringAssert.Contains(error.Message, "'Features'");
    }

    [TestMethod]
    public void EarlyStoppingOnValidationLossWithoutValidationDataIsRejected()
    {
        var ml = new MLContext(1);
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml, o => o.ValidationFraction = 0));
        StringAssert.Contains(error.Message, "no validation data");
    }

    [TestMethod]
    public void EarlyStoppingOnTrainingLossWithoutValidationDataIsAllowed()
    {
        var ml = new MLContext(1);
        CifarCnnTrainer trainer = Trainer(ml, o =>
        {
            o.ValidationFraction = 0;
            o.EarlyStopping = new EarlyStoppingOptions { Metric = EarlyStoppingMetric.TrainingLoss };
        });
        Assert.IsNotNull(trainer);
    }

    [TestMethod]
    [DataRow("MaxEpochs")]
    [DataRow("BatchSize")]
    [DataRow("LearningRate")]
    [DataRow("ValidationFraction")]
    [DataRow("LabelSmoothing")]
    [DataRow("NumberOfThreads")]
    [DataRow("CropPadding")]
    [DataRow("Momentum")]
    public void OutOfRangeOptionIsRejectedByName(string option)
    {
        var ml = new MLContext(1);
        Action<CifarCnnTrainer.Options> breakIt = option switch
        {
            "MaxEpochs" => o => o.MaxEpochs = 0,
            "BatchSize" => o => o.BatchSize = -1,
            "LearningRate" => o => o.LearningRate = double.NaN,
            "ValidationFraction" => o => o.ValidationFraction = 1.0,
            "LabelSmoothing" => o => o.LabelSmoothing = 1.5,
            "NumberOfThreads" => o => o.NumberOfThreads = 0,
            "CropPadding" => o => o.CropPadding = 40,
            "Momentum" => o => o.Momentum = 1.0,
            _ => throw new ArgumentOutOfRangeException(nameof(option)),
        };
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Trainer(ml, breakIt));
        Assert.AreEqual(option, error.ParamName);
    }

    [TestMethod]
    public void InvalidEarlyStoppingOptionsAreRejectedWhenTheTrainerIsCreated()
    {
        var ml = new MLContext(1);
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Trainer(ml, o => o.EarlyStopping = new EarlyStoppingOptions { Patience = 0 }));
        StringAssert.Contains(error.ParamName ?? error.Message, "Patience");
    }

    [TestMethod]
    public void PlateauPatienceNotBelowEarlyStoppingPatienceIsRejected()
    {
        var ml = new MLContext(1);
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml, o =>
        {
            o.LearningRateSchedule = LearningRateScheduleKind.ReduceOnPlateau;
            o.PlateauPatience = 10;
        }));
        Assert.AreEqual("PlateauPatience", error.ParamName);
    }

    [TestMethod]
    public void CudaWhenUnavailableFailsWithAClearMessage()
    {
        if (TorchSharp.torch.cuda.is_available())
            Assert.Inconclusive("This machine has CUDA; the test checks the message on CPU-only machines.");
        var ml = new MLContext(1);
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => Trainer(ml, o => o.Device = ComputeDevice.Cuda).Fit(Rows(ml, "a", "b", "a", "b")));
        StringAssert.Contains(error.Message, "CUDA is not available");
    }

    [TestMethod]
    public void GetOutputSchemaRejectsATextLabel()
    {
        var ml = new MLContext(1);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new Row { Label = "a" } });
        SchemaShape input = ShapeOf(data.Schema);
        var error = Assert.ThrowsExactly<ArgumentException>(() => Trainer(ml).GetOutputSchema(input));
        StringAssert.Contains(error.Message, "key type");
    }

    [TestMethod]
    public void GetOutputSchemaAddsScoreAndPredictedLabel()
    {
        var ml = new MLContext(1);
        IDataView data = Rows(ml, "a", "b");
        SchemaShape input = ShapeOf(data.Schema);

        SchemaShape shape = Trainer(ml).GetOutputSchema(input);

        SchemaShape.Column score = shape.Single(c => c.Name == "Score");
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, score.Kind);
        Assert.AreEqual(NumberDataViewType.Single, score.ItemType);
        Assert.IsTrue(shape.Single(c => c.Name == "PredictedLabel").IsKey);
        Assert.IsTrue(shape.Any(c => c.Name == "Label"), "input columns pass through");
    }
}
