using Microsoft.ML.EarlyStopping.Training.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

[TestClass]
public sealed class AirbenchNetTests
{
    /// <summary>Images whose channels and neighbouring pixels are strongly correlated, as natural images are.</summary>
    private static Tensor CorrelatedPixels(int count, int seed)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        Tensor smooth = nn.functional.avg_pool2d(rand(new long[] { count, 1, 34, 34 }, generator: generator), 3, 1);
        Tensor tint = rand(new long[] { count, 3, 1, 1 }, generator: generator) * 0.3;
        Tensor noise = rand(new long[] { count, 3, 32, 32 }, generator: generator) * 0.1;
        return smooth.add(tint).add(noise).mul(180).clamp(0, 255).MoveToOuterDisposeScope();
    }

    [TestMethod]
    public void WhiteningFiltersDecorrelateTwoByTwoPatchesOfTheTrainingImages()
    {
        manual_seed(3);
        using var network = new AirbenchNet(10, 8);
        using Tensor pixels = CorrelatedPixels(400, seed: 1);
        network.InitializeFromData(pixels);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var whiten = (Conv2d)network.Body.named_children().First(c => c.name == "whiten").module;
        // The filters without the bias, applied to the normalised images the network sees.
        Tensor normalized = pixels.sub(tensor(network.Normalization.Mean.Select(m => (float)(m * 255)).ToArray()).reshape(1, 3, 1, 1))
            .div(tensor(network.Normalization.Std.Select(s => (float)(s * 255)).ToArray()).reshape(1, 3, 1, 1));
        Tensor responses = nn.functional.conv2d(normalized, whiten.weight!).permute(1, 0, 2, 3).reshape(24, -1).to_type(ScalarType.Float64);
        Tensor positive = responses.narrow(0, 0, 12);
        Tensor covariance = positive.matmul(positive.t()).div(positive.shape[1]);

        double[] c = covariance.data<double>().ToArray();
        for (int i = 0; i < 12; i++)
        {
            for (int j = 0; j < 12; j++)
            {
                double value = c[i * 12 + j];
                if (i == j)
                    Assert.IsTrue(value > 0.05 && value <= 1.0 + 1e-3, $"variance of whitened channel {i} is λ/(λ+ε) ∈ (0, 1], got {value}");
                else
                    Assert.AreEqual(0.0, value, 2e-3, $"whitened channels {i} and {j} must be uncorrelated");
            }
        }
        Assert.AreEqual(1.0, c[11 * 12 + 11], 0.01, "the strongest direction is scaled to unit variance");
        TensorAssertClose(whiten.weight!.narrow(0, 0, 12).neg(), whiten.weight!.narrow(0, 12, 12), "the second half of the filters are the negated first half");
        Assert.IsFalse(whiten.weight!.requires_grad, "the whitening filters are computed, not learned");
    }

    [TestMethod]
    public void WhiteningSamplesTheWholeSetNotJustItsFirstRows()
    {
        // Sorted by "class", as image folders are: 5,000 flat dark images, then 5,000 textured ones.
        using Tensor flat = full(new long[] { 5000, 3, 32, 32 }, 40f);
        using Tensor textured = CorrelatedPixels(5000, seed: 2);
        using Tensor sorted = cat(new[] { flat.add(rand(flat.shape).mul(4)), textured }, 0);
        using Tensor everyOther = sorted.slice(0, 0, 10000, 2);

        using var fromSorted = new AirbenchNet(10, 8);
        fromSorted.InitializeFromData(sorted);
        using var fromSample = new AirbenchNet(10, 8);
        fromSample.InitializeFromData(everyOther);

        TensorAssertClose(Whiten(fromSample).weight!, Whiten(fromSorted).weight!, "10,000 images: every second one, from both halves");
    }

    private static Conv2d Whiten(AirbenchNet network) => (Conv2d)network.Body.named_children().First(c => c.name == "whiten").module;

    [TestMethod]
    public void GroupConvolutionsStartAsTheIdentityAndNormsHaveNoLearnedScale()
    {
        manual_seed(4);
        using var network = new AirbenchNet(10, 8);
        var convs = network.named_modules().Where(m => m.module is Conv2d && m.name.Contains("group")).ToList();
        Assert.HasCount(6, convs);
        foreach ((string name, nn.Module module) in convs)
        {
            Tensor weight = ((Conv2d)module).weight!;
            long identities = Math.Min(weight.shape[0], weight.shape[1]);
            for (long o = 0; o < identities; o++)
            {
                using Tensor filter = weight[o];
                Assert.AreEqual(1f, filter[o, 1, 1].item<float>(), $"{name}: filter {o} passes input channel {o} through");
                Assert.AreEqual(1f, filter.abs().sum().item<float>(), 1e-6, $"{name}: filter {o} has nothing else");
            }
        }
        var norms = network.named_modules().Where(m => m.module is BatchNorm2d).Select(m => (BatchNorm2d)m.module).ToList();
        Assert.HasCount(6, norms);
        Assert.IsTrue(norms.All(n => !n.weight!.requires_grad && n.bias!.requires_grad), "batch norm learns a shift only");
    }

    [TestMethod]
    [DataRow(32, 32)]
    [DataRow(40, 24)]
    public void OutputsOneScorePerClassForAnyImageSize(int height, int width)
    {
        manual_seed(5);
        using var network = new AirbenchNet(7, 4);
        using var scope = NewDisposeScope();
        Tensor output = network.forward(rand(new long[] { 3, 3, height, width }) * 255);
        CollectionAssert.AreEqual(new long[] { 3, 7 }, output.shape);
    }

    [TestMethod]
    public void TestTimeFlipAveragesTheImageAndItsMirrorInEvalModeOnly()
    {
        manual_seed(6);
        using var network = new AirbenchNet(10, 4) { TestTimeFlip = true };
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor images = rand(new long[] { 4, 3, 32, 32 }) * 255;

        network.eval();
        Tensor averaged = network.forward(images);
        network.TestTimeFlip = false;
        Tensor plain = network.forward(images);
        Tensor mirrored = network.forward(images.flip(3));
        TensorAssertClose(plain.add(mirrored).mul(0.5), averaged, "eval: mean of both views");
        Assert.IsGreaterThan(1e-4, plain.sub(mirrored).abs().max().item<float>(), "the views must differ, or the check proves nothing");

        network.TestTimeFlip = true;
        network.train();
        Tensor trained = network.forward(images);
        CollectionAssert.AreEqual(new long[] { 4, 10 }, trained.shape, "training mode scores the batch as it is, without doubling it");
    }

    private static void TensorAssertClose(Tensor expected, Tensor actual, string what)
    {
        float difference = expected.sub(actual).abs().max().item<float>();
        Assert.IsLessThan(1e-4f, difference, what);
    }
}
