using CifarDemo.Data;

namespace CifarDemo.Tests.Data;

[TestClass]
public sealed class StratifiedSamplerTests
{
    // 50 "a", 30 "b", 20 "c", interleaved as real files are not.
    private static readonly string[] Labels = Enumerable.Range(0, 100).Select(i => i % 10 < 5 ? "a" : i % 10 < 8 ? "b" : "c").ToArray();

    [TestMethod]
    public void HoldOutTakesTheFractionOfEveryClass()
    {
        bool[] held = StratifiedSampler.HoldOut(Labels, 0.1, seed: 7);

        Assert.AreEqual(5, CountOf(held, "a"));
        Assert.AreEqual(3, CountOf(held, "b"));
        Assert.AreEqual(2, CountOf(held, "c"));
    }

    [TestMethod]
    public void HoldOutIsSeeded()
    {
        CollectionAssert.AreEqual(StratifiedSampler.HoldOut(Labels, 0.2, 3), StratifiedSampler.HoldOut(Labels, 0.2, 3), "same seed, same rows");
        CollectionAssert.AreNotEqual(StratifiedSampler.HoldOut(Labels, 0.2, 3), StratifiedSampler.HoldOut(Labels, 0.2, 4), "another seed, other rows");
    }

    [TestMethod]
    public void HoldOutKeepsAtLeastOneRowOnEachSideOfASmallClass()
    {
        string[] labels = ["a", "a", "b", "b", "b", "b", "b", "b", "b", "b", "b", "b"];

        bool[] held = StratifiedSampler.HoldOut(labels, 0.05, seed: 1);

        Assert.AreEqual(1, CountOf(held, "a", labels), "round(0.1) is 0, but a class of two gives one");
        Assert.AreEqual(1, CountOf(held, "b", labels));
        Assert.AreEqual(1, CountOf(StratifiedSampler.HoldOut(labels, 0.9, 1), "a", labels), "never the whole class");
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(1.0)]
    [DataRow(double.NaN)]
    public void HoldOutRejectsAFractionOutsideZeroToOne(double fraction) =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => StratifiedSampler.HoldOut(Labels, fraction, 1));

    [TestMethod]
    public void LimitCapsEveryClassAmongTheSelectedRows()
    {
        bool[] selected = Labels.Select((_, i) => i % 2 == 0).ToArray();

        bool[] kept = StratifiedSampler.Limit(Labels, selected, maxPerClass: 12, seed: 5);

        Assert.IsTrue(kept.Select((k, i) => !k || selected[i]).All(ok => ok), "only selected rows are kept");
        Assert.AreEqual(12, CountOf(kept, "a"), "30 selected, capped at 12");
        Assert.AreEqual(10, CountOf(kept, "b"), "10 selected, all kept");
        Assert.AreEqual(10, CountOf(kept, "c"), "10 selected, all kept");
    }

    private static int CountOf(bool[] mask, string label, string[]? labels = null) =>
        mask.Where((m, i) => m && (labels ?? Labels)[i] == label).Count();
}
