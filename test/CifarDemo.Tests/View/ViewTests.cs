using CifarDemo.Evaluation;
using CifarDemo.View;
using Spectre.Console.Testing;

namespace CifarDemo.Tests.View;

/// <summary>What the console shows, rendered from records on a test console.</summary>
[TestClass]
public sealed class ViewTests
{
    [TestMethod]
    public void AnEpochRowShowsItsMetricsAndThePatienceCounter()
    {
        var console = new TestConsole().Width(200);
        var view = new TrainingView(console);
        view.ShowEpochHeader(hasValidation: true);

        view.ShowEpoch(new EpochRow(7, 30, 1.23456, 0.5, 1.5, 0.45, 0.0123, TimeSpan.FromSeconds(12.34), 500, Improved: false, EpochsWithoutImprovement: 3, Patience: 10));
        view.ShowEpoch(new EpochRow(8, 30, 1.1, 0.55, 1.4, 0.5, 0.01, TimeSpan.FromSeconds(125), 500, Improved: true, EpochsWithoutImprovement: 0, Patience: 10));

        string[] lines = console.Output.Split('\n');
        StringAssert.Contains(lines[0], "val loss");
        StringAssert.Contains(lines[1], "7/30");
        StringAssert.Contains(lines[1], "1.2346");
        StringAssert.Contains(lines[1], "50.00 %");
        StringAssert.Contains(lines[1], "1.5000");
        StringAssert.Contains(lines[1], "12.3s");
        StringAssert.Contains(lines[1], "3/10 without improvement");
        StringAssert.Contains(lines[2], "8/30");
        StringAssert.Contains(lines[2], "2:05");
        StringAssert.Contains(lines[2], "improved");
    }

    [TestMethod]
    public void WithoutValidationOrEarlyStoppingThereAreNoSuchColumns()
    {
        var console = new TestConsole().Width(200);
        var view = new TrainingView(console);
        view.ShowEpochHeader(hasValidation: false);

        view.ShowEpoch(new EpochRow(1, 5, 2, 0.1, null, null, 0.01, TimeSpan.FromSeconds(1), 100, null, null, null));

        Assert.DoesNotContain("val loss", console.Output);
        Assert.DoesNotContain("improve", console.Output);
    }

    [TestMethod]
    public void TheEarlyStoppingLineSaysWhyAndWhichWeights()
    {
        var console = new TestConsole().Width(300);

        new TrainingView(console).ShowOutcome(stoppedEarly: true, "Stopped at epoch 24: patience ran out. The model keeps the weights of epoch 14, the best one.");

        StringAssert.Contains(console.Output, "Early stopping: Stopped at epoch 24");
        StringAssert.Contains(console.Output, "weights of epoch 14");
    }

    [TestMethod]
    public void EvaluationShowsMetricsPerClassAccuracyAndTheConfusionMatrix()
    {
        var console = new TestConsole().Width(200);
        var result = new EvaluationResult(100, 0.75, 0.74, 0.6123, ["airplane", "automobile"], [0.8, 0.7], [[40, 10], [15, 35]]);

        new EvaluationView(console).Show(result, "the test split (100 images)");

        StringAssert.Contains(console.Output, "accuracy 75.00 %");
        StringAssert.Contains(console.Output, "macro accuracy 74.00 %");
        StringAssert.Contains(console.Output, "log-loss 0.6123");
        StringAssert.Matches(console.Output, new System.Text.RegularExpressions.Regex(@"airplane\s+80\.0 %\s+50"));
        StringAssert.Matches(console.Output, new System.Text.RegularExpressions.Regex(@"automobile\s+15\s+35"), "the confusion row of automobile");
    }

    [TestMethod]
    public void ANarrowConsoleAbbreviatesTheMatrixHeadings()
    {
        var console = new TestConsole().Width(80);
        string[] names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];
        int[][] counts = names.Select((_, i) => names.Select((_, j) => i == j ? 9 : 0).ToArray()).ToArray();
        var result = new EvaluationResult(90, 1, 1, 0.1, names, names.Select(_ => 1.0).ToArray(), counts);

        new EvaluationView(console).Show(result, "test");

        StringAssert.Contains(console.Output, "airp");
        StringAssert.Contains(console.Output, "truc");
        Assert.DoesNotContain("…", console.Output, "nothing is cut off");
    }

    [TestMethod]
    public void APredictionListsTheTopClasses()
    {
        var console = new TestConsole().Width(200);

        new PredictionView(console).Show(new Prediction("cat.png", [new("cat", 0.7f), new("dog", 0.2f), new("frog", 0.05f)], null));

        StringAssert.Contains(console.Output, "cat.png");
        StringAssert.Matches(console.Output, new System.Text.RegularExpressions.Regex(@"1\. cat\s+70\.0 %"));
        StringAssert.Matches(console.Output, new System.Text.RegularExpressions.Regex(@"3\. frog\s+5\.0 %"));
    }
}
