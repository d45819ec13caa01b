using Microsoft.ML.EarlyStopping.Export;
using Microsoft.ML.EarlyStopping.Training.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Tests.Export;

/// <summary>Exported networks run in ONNX Runtime against TorchSharp's eval-mode forward pass.</summary>
[TestClass]
public sealed class TorchSharpOnnxExporterTests
{
    private static readonly string[] TenClasses = Enumerable.Range(0, 10).Select(i => $"class{i}").ToArray();

    /// <summary>A custom module exported through <see cref="IOnnxExportable"/>: multiplies by a constant.</summary>
    private sealed class Scale : nn.Module<Tensor, Tensor>, IOnnxExportable
    {
        private readonly float _factor;

        public Scale(float factor) : base(nameof(Scale))
        {
            _factor = factor;
        }

        public override Tensor forward(Tensor input) => input * _factor;

        public string ExportToOnnx(OnnxExportContext context, string input) => context.Builder.Mul(input, context.Builder.AddFloatInitializer([_factor], []));
    }

    private static void RandomizeStatistics(BatchNorm norm)
    {
        using var noGrad = no_grad();
        norm.running_mean!.copy_(randn(norm.num_features) * 0.3);
        norm.running_var!.copy_(rand(norm.num_features) + 0.5);
    }

    /// <summary>Exports <paramref name="network"/> and checks ONNX Runtime's scores and indices against TorchSharp on random images.</summary>
    private static void AssertExportMatchesTorch(nn.Module<Tensor, Tensor> network, string[] classes, int rows = 5)
    {
        var options = new OnnxClassifierExportOptions { ClassNames = classes };
        byte[] model = TorchSharpOnnxExporter.ExportClassifier(network, options);

        using var scope = NewDisposeScope();
        Tensor images = randn(rows, 3, 32, 32);
        network.eval();
        Tensor expected;
        using (no_grad())
            expected = nn.functional.softmax(network.forward(images), 1);
        float[] input = images.data<float>().ToArray();

        (float[] scores, long[] shape) = OnnxRuntimeRunner.RunFloat(model, "Features", input, [rows, 3072], "Score");
        (long[] indices, _) = OnnxRuntimeRunner.RunInt64(model, "Features", input, [rows, 3072], "PredictedIndex");

        CollectionAssert.AreEqual(new long[] { rows, classes.Length }, shape);
        float[] expectedScores = expected.data<float>().ToArray();
        TensorAssert.IsNotTrivial(expectedScores);
        TensorAssert.AreClose(expectedScores, scores);
        CollectionAssert.AreEqual(expected.argmax(1).data<long>().ToArray(), indices);
    }

    [TestMethod]
    public void NetworkUsingEverySupportedLayerOptionMatchesTorch()
    {
        manual_seed(61);
        var bn1 = nn.BatchNorm2d(6, affine: false);
        var bn2 = nn.BatchNorm2d(8);
        RandomizeStatistics(bn1);
        RandomizeStatistics(bn2);
        using var network = nn.Sequential(
            ("conv_same", nn.Conv2d(3, 6, 3, Padding.Same, bias: false)),
            ("bn1", bn1),
            ("gelu", nn.GELU()),
            ("conv_even_same", nn.Conv2d(6, 6, 2, Padding.Same)),
            ("pool", nn.MaxPool2d(kernel_size: 3, stride: 2, padding: 1, ceil_mode: true)),
            ("block", nn.Sequential(
                ("conv_grouped", nn.Conv2d(6, 8, 3, stride: 2, groups: 2)),
                ("bn", bn2),
                ("gelu_tanh", nn.GELU(TorchSharp.Modules.GELU.Approximate.tanh)),
                ("drop2d", nn.Dropout2d()))),
            ("linear_last_axis", nn.Linear(8, 5)),
            ("flatten_tail", nn.Flatten(start_dim: 2)),
            ("flatten", nn.Flatten()),
            ("identity", nn.Identity()),
            ("drop", nn.Dropout()),
            ("fc", nn.Linear(8 * 8 * 5, 10)),
            ("scale", new Scale(1f / 9f)));

        AssertExportMatchesTorch(network, TenClasses);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void AdaptivePoolingToOneByOneMatchesTorch(bool maxPooling)
    {
        manual_seed(62);
        using var network = nn.Sequential(
            ("conv", nn.Conv2d(3, 4, 3, padding: 1)),
            ("relu", nn.ReLU()),
            ("pool", maxPooling ? nn.AdaptiveMaxPool2d([1, 1]) : nn.AdaptiveAvgPool2d(1)),
            ("flatten", nn.Flatten()),
            ("fc", nn.Linear(4, 3)));

        AssertExportMatchesTorch(network, ["a", "b", "c"]);
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void AirbenchNetworkWithAndWithoutTestTimeFlipMatchesTorch(bool testTimeFlip)
    {
        // Whitening conv with bias, GELU, identity-initialised groups, shift-only batch norm, global max pool, scaled
        // head, and the flip-averaging wrapper (Slice with step -1, Concat, Reshape, ReduceMean in ONNX).
        manual_seed(71);
        using var network = new AirbenchNet(10, 4) { TestTimeFlip = testTimeFlip };
        network.InitializeFromData(rand(new long[] { 50, 3, 32, 32 }) * 255);
        foreach (BatchNorm norm in network.modules().OfType<BatchNorm>())
            RandomizeStatistics(norm);
        using (no_grad())
        {
            foreach (var conv in network.modules().OfType<Conv2d>().Where(c => c.weight!.requires_grad))
                conv.weight!.add_(randn_like(conv.weight!) * 0.1);
        }

        nn.Module<Tensor, Tensor> body = network.CreateInferenceBody();
        Assert.AreEqual(testTimeFlip, body is FlipAveraged, "the exported body carries the flip averaging exactly when it is on");
        AssertExportMatchesTorch(body, TenClasses, rows: 6);
    }

    [TestMethod]
    public void ExportRestoresTrainingModeAndLeavesStatisticsAlone()
    {
        using var net = new TinyCifarNetwork(seed: 63);
        var bn = (BatchNorm2d)net.Network[1];
        float[] meanBefore = bn.running_mean!.data<float>().ToArray();
        net.Network.train();
        var pool = (MaxPool2d)net.Network[3];
        pool.eval(); // one child in a different mode than its parent

        TorchSharpOnnxExporter.ExportClassifier(net.Network, net.ExportOptions);

        Assert.IsTrue(net.Network.training);
        Assert.IsTrue(bn.training);
        Assert.IsFalse(pool.training);
        CollectionAssert.AreEqual(meanBefore, bn.running_mean!.data<float>().ToArray(), "the export's probe must not update batch-norm statistics");
    }

    [TestMethod]
    public void UnsupportedModuleIsNamedInTheError()
    {
        using var network = nn.Sequential(("conv", nn.Conv2d(3, 4, 3)), ("act", nn.Tanh()), ("flatten", nn.Flatten()), ("fc", nn.Linear(4 * 30 * 30, 2)));

        var error = Assert.ThrowsExactly<NotSupportedException>(
            () => TorchSharpOnnxExporter.ExportClassifier(network, new OnnxClassifierExportOptions { ClassNames = ["x", "y"] }));

        Assert.Contains("'act'", error.Message);
        Assert.Contains("Tanh", error.Message);
        Assert.Contains(nameof(IOnnxExportable), error.Message);
    }

    [TestMethod]
    public void ReflectPaddingIsRejected()
    {
        using var network = nn.Sequential(("conv", nn.Conv2d(3, 2, 3, padding: 1, padding_mode: PaddingModes.Reflect)), ("pool", nn.AdaptiveAvgPool2d(1)), ("flatten", nn.Flatten()));

        var error = Assert.ThrowsExactly<NotSupportedException>(
            () => TorchSharpOnnxExporter.ExportClassifier(network, new OnnxClassifierExportOptions { ClassNames = ["x", "y"] }));

        Assert.Contains("Reflect", error.Message);
    }

    [TestMethod]
    public void ClassCountMustMatchNetworkOutputs()
    {
        using var net = new TinyCifarNetwork(seed: 64);

        var error = Assert.ThrowsExactly<ArgumentException>(
            () => TorchSharpOnnxExporter.ExportClassifier(net.Network, new OnnxClassifierExportOptions { ClassNames = ["cat", "dog", "frog"] }));

        Assert.Contains("[1, 10]", error.Message);
        Assert.Contains("3 class names", error.Message);
    }

    [TestMethod]
    public void InvalidOptionsAreRejected()
    {
        using var net = new TinyCifarNetwork(seed: 65);
        OnnxClassifierExportOptions[] invalid =
        [
            new() { ClassNames = ["only"] },
            new() { ClassNames = TinyCifarNetwork.ClassNames, ChannelMeans = [0.5f, 0.5f] },
            new() { ClassNames = TinyCifarNetwork.ClassNames, ChannelStandardDeviations = [0.2f, 0f, 0.2f] },
            new() { ClassNames = TinyCifarNetwork.ClassNames, PixelScale = 0f },
            new() { ClassNames = TinyCifarNetwork.ClassNames, ScoreColumnName = "Features" },
            new() { ClassNames = TinyCifarNetwork.ClassNames, Height = 0 },
        ];

        foreach (OnnxClassifierExportOptions options in invalid)
            Assert.ThrowsExactly<ArgumentException>(() => TorchSharpOnnxExporter.ExportClassifier(net.Network, options));
    }
}
