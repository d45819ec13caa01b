using System.Text.RegularExpressions;

namespace CifarDemo.Tests;

/// <summary>evaluate --model model.zip --data ...: plain Model.Load, the same held-out test set as train, clear errors.</summary>
[TestClass]
public sealed class EvaluateVerbTests
{
    [TestMethod]
    public void EvaluatingTheSavedModelOnTheSameDataReproducesTheTrainingRunsTestResult()
    {
        DemoResult result = DemoRunner.Run(
            "evaluate", "--model", QuickRun.ModelZip, "--data", SharedData.MiniRoot, "--max-per-class", "30", "--cache", QuickRun.Cache);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "no test split: evaluating on a held-out 10% of the training data (100 images)");
        string trained = AccuracyLine(QuickRun.Result.Output);
        Assert.AreEqual(trained, AccuracyLine(result.Output), "same seed and fraction: the same held-out images, so the same metrics");
        StringAssert.Contains(result.Output, "Confusion matrix");
    }

    [TestMethod]
    public void EvaluatesOnTheBinarySampleToo()
    {
        DemoResult result = DemoRunner.Run("evaluate", "--model", QuickRun.ModelZip, "--data", SharedData.BinarySampleFolder, "--cache", QuickRun.Cache);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "CIFAR-10 binary files");
        StringAssert.Contains(result.Output, "(100 images)", "10% of the 1,000 records are held out");
    }

    [TestMethod]
    public void AMissingModelIsNamed()
    {
        using var temp = new TempFolder();
        string missing = Path.Combine(temp.Path, "model.zip");

        DemoResult result = DemoRunner.Run("evaluate", "--model", missing, "--data", SharedData.MiniRoot);

        Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "does not exist");
        StringAssert.Contains(result.Output, missing);
    }

    [TestMethod]
    public void AFileThatIsNotAModelIsRefused()
    {
        using var temp = new TempFolder();
        string bogus = temp.File("model.zip");
        File.WriteAllText(bogus, "not a zip");

        DemoResult result = DemoRunner.Run("evaluate", "--model", bogus, "--data", SharedData.MiniRoot);

        Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "is not a readable ML.NET model zip");
    }

    private static string AccuracyLine(string output) =>
        Regex.Match(output, @"accuracy [\d.]+ %\s+macro accuracy [\d.]+ %\s+log-loss [\d.]+").Value is { Length: > 0 } line
            ? line
            : throw new AssertFailedException($"no accuracy line in:\n{output}");
}
