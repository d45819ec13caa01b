using CifarDemo.Evaluation;
using CifarDemo.Output;

namespace CifarDemo.Tests.Output;

/// <summary>The pictures are valid PNGs of the documented sizes, whatever the history looks like.</summary>
[TestClass]
public sealed class ChartRendererTests
{
    [TestMethod]
    public void CurvesWithBestAndStopMarkers()
    {
        using var temp = new TempFolder();
        var history = Enumerable.Range(1, 8).Select(e => TestHistory.Epoch(e, 2.0 / e, 1.5 + Math.Abs(e - 4) * 0.1)).ToArray();
        var markers = new ChartRenderer.Markers(BestEpoch: 4, WeightsEpoch: 4, StoppedEpoch: 8);

        ChartRenderer.RenderLoss(temp.File("loss.png"), history, markers);
        ChartRenderer.RenderAccuracy(temp.File("accuracy.png"), history, markers);

        TrainVerbTests.AssertPng(temp.File("loss.png"), ChartRenderer.CurveWidth, ChartRenderer.CurveHeight);
        TrainVerbTests.AssertPng(temp.File("accuracy.png"), ChartRenderer.CurveWidth, ChartRenderer.CurveHeight);
    }

    [TestMethod]
    public void OneEpochWithoutValidationStillDraws()
    {
        using var temp = new TempFolder();

        ChartRenderer.RenderLoss(temp.File("loss.png"), [TestHistory.Epoch(1, 2.3, null)], new ChartRenderer.Markers(null, 1, null));

        TrainVerbTests.AssertPng(temp.File("loss.png"), ChartRenderer.CurveWidth, ChartRenderer.CurveHeight);
    }

    [TestMethod]
    public void ConfusionMatrixOfThreeClasses()
    {
        using var temp = new TempFolder();
        var result = new EvaluationResult(30, 0.7, 0.7, 0.8, ["cat", "dog", "bird"], [0.8, 0.7, 0.6],
            [[8, 1, 1], [2, 7, 1], [1, 3, 6]]);

        ChartRenderer.RenderConfusion(temp.File("confusion.png"), result, "Confusion matrix");

        TrainVerbTests.AssertPng(temp.File("confusion.png"), ChartRenderer.ConfusionWidth, ChartRenderer.ConfusionHeight);
    }
}
