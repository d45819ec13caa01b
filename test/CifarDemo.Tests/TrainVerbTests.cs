using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Data;
using SkiaSharp;

namespace CifarDemo.Tests;

/// <summary>train --quick on the real mini images: what it prints and every file it writes.</summary>
[TestClass]
public sealed class TrainVerbTests
{
    private static readonly string[] ClassNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    [TestMethod]
    public void TheRunFolderHasEveryFile()
    {
        string[] files = Directory.GetFiles(QuickRun.RunFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

        CollectionAssert.AreEqual(
            new[] { "accuracy.png", "confusion.png", "loss.png", "metrics.csv", "metrics.jsonl", "model.onnx", "model.zip", "report.md" }, files);
        Assert.IsTrue(Directory.EnumerateFiles(Path.Combine(QuickRun.RunFolder, "tensorboard")).Any(), "TensorBoard events are written");
        Assert.IsTrue(File.Exists(Path.Combine(QuickRun.RunFolder, "tracking", "spool.jsonl")), "the tracker spool is written");
    }

    [TestMethod]
    public void TheModelLoadsWithPlainModelLoadAndPredictsEveryClass()
    {
        var ml = new MLContext(seed: 0);
        ITransformer model = ml.Model.Load(QuickRun.ModelZip, out _);
        try
        {
            CifarDataSet images = CifarData.LoadImageFolder(ml, SharedData.MiniValFolder);
            IDataView scored = model.Transform(images.Data);

            VBuffer<ReadOnlyMemory<char>> slotNames = default;
            scored.Schema["Score"].GetSlotNames(ref slotNames);
            CollectionAssert.AreEqual(ClassNames, slotNames.DenseValues().Select(n => n.ToString()).ToArray());
            float[][] scores = scored.GetColumn<float[]>("Score").ToArray();
            Assert.HasCount(200, scores);
            foreach (float[] row in scores)
            {
                Assert.HasCount(10, row);
                Assert.AreEqual(1.0, row.Sum(), 1e-4, "scores are probabilities");
            }
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    [TestMethod]
    public void MetricsCsvHasAHeaderAndOneRowPerEpoch()
    {
        string[] lines = File.ReadAllLines(Path.Combine(QuickRun.RunFolder, "metrics.csv"));

        string[] header = lines[0].Split(',');
        Assert.HasCount(3, lines, "2 epochs: header and two rows");
        string[] first = lines[1].Split(',');
        Assert.AreEqual("1", first[Array.IndexOf(header, "epoch")]);
        double validationLoss = double.Parse(first[Array.IndexOf(header, "validation_loss")], CultureInfo.InvariantCulture);
        Assert.IsTrue(validationLoss > 0 && double.IsFinite(validationLoss), $"validation loss {validationLoss}");
        Assert.AreEqual(1.0, double.Parse(first[Array.IndexOf(header, "early_stopping_improved")], CultureInfo.InvariantCulture), "the first epoch is always an improvement");
    }

    [TestMethod]
    public void TheConsoleShowsThePlanEpochRowsOutcomeTestResultsAndFiles()
    {
        string output = QuickRun.Result.Output;

        StringAssert.Contains(output, "no test split: evaluating on a held-out 10% of the training data");
        StringAssert.Contains(output, "never used for training or validation");
        StringAssert.Contains(output, "200 images of the validation split", "the mini root's val/ folder is the validation set");
        StringAssert.Contains(output, "train loss");
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"1/2 +\d\.\d{4} "), "a row for epoch 1 of 2");
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"2/2 +\d\.\d{4} "), "a row for epoch 2 of 2");
        StringAssert.Contains(output, "The model keeps the weights of epoch");
        StringAssert.Contains(output, "macro accuracy");
        StringAssert.Contains(output, "log-loss");
        foreach (string name in ClassNames)
            StringAssert.Contains(output, name);
        StringAssert.Contains(output, "Saved in " + QuickRun.RunFolder);
        StringAssert.Contains(output, "Total time:");
    }

    [TestMethod]
    public void TheReportTiesItTogether()
    {
        string report = File.ReadAllText(Path.Combine(QuickRun.RunFolder, "report.md"));

        foreach (string heading in new[] { "## Outcome", "## Data", "## Settings", "## History", "## Test results", "## Files" })
            StringAssert.Contains(report, heading);
        StringAssert.Contains(report, "![Loss per epoch](loss.png)");
        StringAssert.Contains(report, "![Accuracy per epoch](accuracy.png)");
        StringAssert.Contains(report, "![Confusion matrix](confusion.png)");
        StringAssert.Contains(report, "| architecture | Airbench (whitened convolution groups after airbench94), width 4 |");
        StringAssert.Contains(report, "never used for training or validation");
        Assert.AreEqual(2, report.Split('\n').Count(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\| [12] \| ")), "one history row per epoch");
    }

    [TestMethod]
    public void TheChartsAreValidPngsOfTheDocumentedSize()
    {
        AssertPng(Path.Combine(QuickRun.RunFolder, "loss.png"), CifarDemo.Output.ChartRenderer.CurveWidth, CifarDemo.Output.ChartRenderer.CurveHeight);
        AssertPng(Path.Combine(QuickRun.RunFolder, "accuracy.png"), CifarDemo.Output.ChartRenderer.CurveWidth, CifarDemo.Output.ChartRenderer.CurveHeight);
        AssertPng(Path.Combine(QuickRun.RunFolder, "confusion.png"), CifarDemo.Output.ChartRenderer.ConfusionWidth, CifarDemo.Output.ChartRenderer.ConfusionHeight);
    }

    internal static void AssertPng(string path, int width, int height)
    {
        byte[] bytes = File.ReadAllBytes(path);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes.Take(4).ToArray(), $"{path} is a PNG");
        using SKBitmap bitmap = SKBitmap.Decode(bytes);
        Assert.IsNotNull(bitmap, $"{path} decodes");
        Assert.AreEqual(width, bitmap.Width, $"{path} width");
        Assert.AreEqual(height, bitmap.Height, $"{path} height");
        // A blank picture would be one colour; a chart has axes, text and data.
        Assert.IsGreaterThan(10, bitmap.Pixels.Distinct().Take(11).Count(),
            $"{path} shows something (antialiased text alone has many shades; too few colours means no text: does the machine have fonts?)");
    }
}
