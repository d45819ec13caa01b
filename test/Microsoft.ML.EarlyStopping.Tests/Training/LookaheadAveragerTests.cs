using Microsoft.ML.EarlyStopping.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

[TestClass]
public sealed class LookaheadAveragerTests
{
    [TestMethod]
    public void DecayGrowsWithTheCubeOfProgressToPointNineFiveToTheFifth()
    {
        using var layer = nn.Linear(2, 2);
        using var lookahead = new LookaheadAverager(layer, totalSteps: 100);

        Assert.AreEqual(0.0, lookahead.DecayAt(0), 1e-12);
        Assert.AreEqual(Math.Pow(0.95, 5) / 8, lookahead.DecayAt(50), 1e-12);
        Assert.AreEqual(Math.Pow(0.95, 5), lookahead.DecayAt(100), 1e-12);
        Assert.AreEqual(Math.Pow(0.95, 5), lookahead.DecayAt(250), 1e-12, "past the budget the decay stays at its final value");
    }

    [TestMethod]
    public void EveryFifthStepPullsTheWeightsToTheSlowAverage()
    {
        manual_seed(1);
        using var norm = nn.BatchNorm1d(2);
        Tensor weight = norm.weight!, mean = norm.running_mean!;
        using var noGrad = no_grad();
        weight.copy_(tensor(new[] { 1f, 1f }));
        mean.copy_(tensor(new[] { 0f, 0f }));
        using (var fresh = new LookaheadAverager(norm, totalSteps: 10))
        {
            weight.copy_(tensor(new[] { 3f, 5f }));
            mean.copy_(tensor(new[] { 2f, 4f }));
            fresh.StepCompleted(4);
            CollectionAssert.AreEqual(new[] { 3f, 5f }, weight.data<float>().ToArray(), "no averaging between multiples of 5");

            fresh.StepCompleted(10);
            // decay 0.95^5 at the end of the budget: slow = 1 + (1 - d)(x - 1), and the network takes the slow value.
            double d = Math.Pow(0.95, 5);
            float[] expected = [(float)(1 + (1 - d) * 2), (float)(1 + (1 - d) * 4)];
            CollectionAssert.AreEqual(expected, weight.data<float>().ToArray(), new ToleranceComparer(1e-5f));
            float[] expectedMean = [(float)((1 - d) * 2), (float)((1 - d) * 4)];
            CollectionAssert.AreEqual(expectedMean, mean.data<float>().ToArray(), new ToleranceComparer(1e-5f), "running statistics follow the averaged weights");
        }
    }

    [TestMethod]
    public void ZeroDecayKeepsTheLatestWeights()
    {
        using var layer = nn.Linear(3, 1);
        using var lookahead = new LookaheadAverager(layer, totalSteps: 1000);
        using var noGrad = no_grad();
        layer.weight!.fill_(7f);
        lookahead.StepCompleted(5); // decay (5/1000)^3 · 0.77 ≈ 1e-7
        Assert.AreEqual(7f, layer.weight!.data<float>().ToArray()[0], 1e-4f);
    }

    [TestMethod]
    public void ABudgetBelowOneStepIsRejected()
    {
        using var layer = nn.Linear(1, 1);
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new LookaheadAverager(layer, totalSteps: 0));
        Assert.AreEqual("totalSteps", ex.ParamName);
    }

    private sealed class ToleranceComparer(float tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((float)x! - (float)y!) <= tolerance ? 0 : 1;
    }
}
