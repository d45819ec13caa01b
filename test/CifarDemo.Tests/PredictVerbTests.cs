using System.Globalization;
using System.Text.RegularExpressions;

namespace CifarDemo.Tests;

/// <summary>predict --model model.zip IMAGE...: the top classes with probabilities, for images of any size.</summary>
[TestClass]
public sealed class PredictVerbTests
{
    [TestMethod]
    public void PrintsTheTopThreeClassesOfImagesOfAnySize()
    {
        using var temp = new TempFolder();
        string wide = temp.File("wide.png");
        TestImages.WritePng(wide, 97, 61);
        string cifar = Directory.GetFiles(Path.Combine(SharedData.MiniValFolder, "ship")).Order(StringComparer.Ordinal).First();

        DemoResult result = DemoRunner.Run("predict", "--model", QuickRun.ModelZip, wide, cifar);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        foreach (string image in new[] { wide, cifar })
        {
            double[] probabilities = TopProbabilities(result.Output, image);
            Assert.HasCount(3, probabilities, result.ToString());
            Assert.IsTrue(probabilities.Zip(probabilities.Skip(1)).All(p => p.First >= p.Second), "most likely first");
            Assert.IsTrue(probabilities.All(p => p is >= 0 and <= 100));
        }
    }

    [TestMethod]
    public void TopSetsHowManyClassesAreShown()
    {
        string cifar = Directory.GetFiles(Path.Combine(SharedData.MiniValFolder, "cat")).Order(StringComparer.Ordinal).First();

        DemoResult result = DemoRunner.Run("predict", "--model", QuickRun.ModelZip, "--top", "10", cifar);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        double[] probabilities = TopProbabilities(result.Output, cifar);
        Assert.HasCount(10, probabilities);
        Assert.AreEqual(100, probabilities.Sum(), 0.6, "all ten classes add up to 100% (each rounded to 0.1%)");
    }

    [TestMethod]
    public void MissingAndUnreadableImagesAreNamedAndTheOthersStillPredicted()
    {
        using var temp = new TempFolder();
        string missing = Path.Combine(temp.Path, "missing.png");
        string text = temp.File("notes.png");
        File.WriteAllText(text, "not an image");
        string good = temp.File("good.png");
        TestImages.WritePng(good, 32, 32);

        DemoResult result = DemoRunner.Run("predict", "--model", QuickRun.ModelZip, missing, text, good);

        Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, $"error: '{missing}' does not exist");
        StringAssert.Contains(result.Output, $"error: '{text}' could not be read as an image");
        Assert.HasCount(3, TopProbabilities(result.Output, good));
    }

    /// <summary>The probabilities (in %) listed under the image's heading line.</summary>
    private static double[] TopProbabilities(string output, string image)
    {
        string[] lines = output.Split('\n');
        int heading = Array.FindIndex(lines, line => line.TrimEnd() == image);
        Assert.IsGreaterThanOrEqualTo(0, heading, $"no heading for {image} in:\n{output}");
        return lines.Skip(heading + 1)
            .Select(line => Regex.Match(line, @"^\s+\d+\. \S+\s+([\d.]+) %"))
            .TakeWhile(match => match.Success)
            .Select(match => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToArray();
    }
}
