using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

[TestClass]
public sealed class StratifiedSplitTests
{
    [TestMethod]
    public void EveryClassKeepsItsProportionAndNoRowIsLostOrDuplicated()
    {
        int[] labels = Enumerable.Range(0, 1000).Select(i => i % 10 < 7 ? 0 : (i % 10 < 9 ? 1 : 2)).ToArray();

        var (train, validation) = StratifiedSplit.Split(labels, 3, 0.1, seed: 5);

        CollectionAssert.AreEquivalent(Enumerable.Range(0, 1000).ToArray(), train.Concat(validation).ToArray());
        Assert.AreEqual(70, validation.Count(i => labels[i] == 0));
        Assert.AreEqual(20, validation.Count(i => labels[i] == 1));
        Assert.AreEqual(10, validation.Count(i => labels[i] == 2));
    }

    [TestMethod]
    public void SameSeedSameSplitOtherSeedOtherSplit()
    {
        int[] labels = Enumerable.Range(0, 200).Select(i => i % 4).ToArray();

        var a = StratifiedSplit.Split(labels, 4, 0.25, seed: 1);
        var b = StratifiedSplit.Split(labels, 4, 0.25, seed: 1);
        var c = StratifiedSplit.Split(labels, 4, 0.25, seed: 2);

        CollectionAssert.AreEqual(a.Validation, b.Validation);
        CollectionAssert.AreNotEqual(a.Validation, c.Validation);
    }

    [TestMethod]
    public void SmallClassesStillGetOneValidationRowAndKeepOneTrainingRow()
    {
        int[] labels = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2 };

        var (train, validation) = StratifiedSplit.Split(labels, 3, 0.05, seed: 3);

        Assert.AreEqual(1, validation.Count(i => labels[i] == 0));
        Assert.AreEqual(1, train.Count(i => labels[i] == 0));
        Assert.AreEqual(1, validation.Count(i => labels[i] == 1));
        Assert.AreEqual(0, validation.Count(i => labels[i] == 2), "a class with a single row stays in training");
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(1.0)]
    [DataRow(double.NaN)]
    public void FractionOutsideOpenIntervalIsRejected(double fraction)
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => StratifiedSplit.Split(new[] { 0, 1 }, 2, fraction, 1));
    }
}
