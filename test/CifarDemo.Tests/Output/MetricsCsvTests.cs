using CifarDemo.Output;

namespace CifarDemo.Tests.Output;

[TestClass]
public sealed class MetricsCsvTests
{
    [TestMethod]
    public void OneRowPerEpochWithEmptyCellsForMissingValues()
    {
        string csv = MetricsCsv.Format([TestHistory.Epoch(1, 2.25, 2.5), TestHistory.Epoch(2, 1.5, null)]);

        string[] lines = csv.TrimEnd('\n').Split('\n');
        Assert.HasCount(3, lines);
        Assert.AreEqual(MetricsCsv.Header, lines[0]);
        Assert.AreEqual("1,2.25,0.1,2.5,0.08,0.01,2.500,400.0,,", lines[1]);
        Assert.AreEqual("2,1.5,0.2,,,0.01,2.500,400.0,,", lines[2], "no validation: empty cells; no early stopping: empty verdict");
    }

    [TestMethod]
    public void WriteReplacesTheFileWholeAndLeavesNoTemporary()
    {
        using var temp = new TempFolder();
        string path = temp.File("metrics.csv");

        MetricsCsv.Write(path, [TestHistory.Epoch(1, 2, 2)]);
        MetricsCsv.Write(path, [TestHistory.Epoch(1, 2, 2), TestHistory.Epoch(2, 1, 1)]);

        Assert.HasCount(3, File.ReadAllLines(path));
        CollectionAssert.AreEqual(new[] { "metrics.csv" }, Directory.GetFiles(temp.Path).Select(Path.GetFileName).ToArray());
    }
}
