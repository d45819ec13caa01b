using CifarDemo.Evaluation;
using CifarDemo.Output;
using CifarDemo.View;

namespace CifarDemo.Tests.Output;

[TestClass]
public sealed class ReportWriterTests
{
    private static readonly RunPlan Plan = new(
        "somewhere", 900, 0, 0.1, 100, "no test split: evaluating on a held-out 10% of the training data (100 images), never used for training or validation",
        ["cat", "dog"], [new("architecture", "FastResNet, width 8"), new("note", "a | b")]);

    [TestMethod]
    public void ACompletedRunHasHistoryTestResultsAndPictures()
    {
        var evaluation = new EvaluationResult(100, 0.75, 0.74, 0.61, ["cat", "dog"], [0.8, 0.7], [[40, 10], [15, 35]]);
        var report = new RunReport("20260101-000000", Plan, [TestHistory.Epoch(1, 2, 1.9), TestHistory.Epoch(2, 1.5, 1.6)],
            "Trained all 2 epochs.", Cancelled: false, evaluation, TimeSpan.FromSeconds(75),
            ["accuracy.png", "confusion.png", "loss.png", "metrics.csv", "model.zip"]);

        string md = ReportWriter.Format(report);

        StringAssert.Contains(md, "# CIFAR-10 training run 20260101-000000");
        StringAssert.Contains(md, "Test accuracy **75.00 %**");
        StringAssert.Contains(md, "| 2 | 1.5000 | 20.00 % | 1.6000 | 16.00 % |");
        StringAssert.Contains(md, "| cat | 40 | 10 |");
        StringAssert.Contains(md, "| note | a \\| b |", "pipes in values are escaped");
        StringAssert.Contains(md, "![Confusion matrix](confusion.png)");
        StringAssert.Contains(md, "Total time: 1:15 min.");
        StringAssert.Contains(md, "- `report.md`");
    }

    [TestMethod]
    public void ACancelledRunSaysSoAndHasNoTestResults()
    {
        var report = new RunReport("r", Plan, [TestHistory.Epoch(1, 2, 1.9)], "Cancelled after epoch 1.", Cancelled: true, Evaluation: null,
            TimeSpan.FromSeconds(5), ["loss.png", "model.zip"]);

        string md = ReportWriter.Format(report);

        StringAssert.Contains(md, "**cancelled**");
        Assert.DoesNotContain("## Test results", md);
        Assert.DoesNotContain("accuracy.png", md, "only pictures that exist are linked");
    }
}
