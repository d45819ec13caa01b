using Microsoft.ML.EarlyStopping.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Tests.Export;

/// <summary>
/// Each ONNX operator the builder writes, run in ONNX Runtime, against TorchSharp's own implementation of the
/// same operation on the same random inputs.
/// </summary>
[TestClass]
public sealed class OnnxGraphBuilderOperatorTests
{
    private static readonly OnnxDimension Batch = OnnxDimension.Symbolic("N");

    private static float[] Data(Tensor t) => t.contiguous().data<float>().ToArray();

    private static long[] Dims(Tensor t) => t.shape;

    private static (float[] Values, long[] Shape) RunUnary(OnnxGraphBuilder builder, Tensor x, string output)
        => OnnxRuntimeRunner.RunFloat(builder.ToBytes(), "x", Data(x), Dims(x), output);

    private static OnnxGraphBuilder WithInput(Tensor x, out string input, bool symbolicBatch = true)
    {
        var builder = new OnnxGraphBuilder();
        OnnxDimension[] shape = x.shape.Select((d, i) => i == 0 && symbolicBatch ? Batch : OnnxDimension.Fixed(d)).ToArray();
        input = builder.AddInput("x", OnnxDataType.Float, shape);
        return builder;
    }

    private static string Constant(OnnxGraphBuilder builder, Tensor t) => builder.AddFloatInitializer(Data(t), Dims(t));

    private static void AssertMatches(Tensor expected, (float[] Values, long[] Shape) actual)
    {
        CollectionAssert.AreEqual(Dims(expected), actual.Shape, "shape");
        float[] expectedValues = Data(expected);
        TensorAssert.IsNotTrivial(expectedValues, "TorchSharp reference");
        TensorAssert.AreClose(expectedValues, actual.Values);
    }

    [TestMethod]
    [DataRow(1L, 0L, true, 1L)]
    [DataRow(1L, 1L, false, 1L)]
    [DataRow(2L, 1L, true, 1L)]
    [DataRow(2L, 2L, true, 2L)]
    public void ConvMatchesTorch(long stride, long padding, bool withBias, long dilation)
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        Tensor x = randn(2, 3, 11, 9);
        Tensor w = randn(5, 3, 3, 3);
        Tensor? b = withBias ? randn(5) : null;
        Tensor expected = nn.functional.conv2d(x, w, b, strides: [stride, stride], padding: [padding, padding], dilation: [dilation, dilation]);

        var builder = WithInput(x, out string input);
        string y = builder.Conv(input, Constant(builder, w), b is null ? null : Constant(builder, b),
            strides: [stride, stride], pads: [padding, padding, padding, padding], dilations: [dilation, dilation], output: "y");
        builder.AddOutput(y, OnnxDataType.Float, Batch, 5, OnnxDimension.Symbolic("H"), OnnxDimension.Symbolic("W"));

        AssertMatches(expected, RunUnary(builder, x, "y"));
    }

    [TestMethod]
    public void GroupedConvMatchesTorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(2);
        Tensor x = randn(1, 4, 6, 6);
        Tensor w = randn(6, 2, 3, 3);
        Tensor expected = nn.functional.conv2d(x, w, null, padding: [1, 1], groups: 2);

        var builder = WithInput(x, out string input);
        string y = builder.Conv(input, Constant(builder, w), null, strides: [1, 1], pads: [1, 1, 1, 1], group: 2, output: "y");
        builder.AddOutput(y, OnnxDataType.Float, Batch, 6, 6, 6);

        AssertMatches(expected, RunUnary(builder, x, "y"));
    }

    [TestMethod]
    public void BatchNormalizationMatchesTorchEvalMode()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        Tensor x = randn(4, 6, 5, 5) * 3 + 1;
        Tensor mean = randn(6);
        Tensor variance = rand(6) + 0.5;
        Tensor gamma = randn(6);
        Tensor beta = randn(6);
        const double eps = 1e-3;
        Tensor expected = nn.functional.batch_norm(x, mean, variance, gamma, beta, training: false, eps: eps);

        var builder = WithInput(x, out string input);
        string y = builder.BatchNormalization(input, Constant(builder, gamma), Constant(builder, beta), Constant(builder, mean),
            Constant(builder, variance), (float)eps, output: "y");
        builder.AddOutput(y, OnnxDataType.Float, Batch, 6, 5, 5);

        AssertMatches(expected, RunUnary(builder, x, "y"));
    }

    [TestMethod]
    public void ReluMatchesTorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        Tensor x = randn(3, 2, 4, 4);

        var builder = WithInput(x, out string input);
        builder.AddOutput(builder.Relu(input, "y"), OnnxDataType.Float, Batch, 2, 4, 4);

        AssertMatches(nn.functional.relu(x), RunUnary(builder, x, "y"));
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void GeluMatchesTorch(bool tanhApproximation)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        Tensor x = randn(3, 7) * 3;
        Tensor expected = nn.functional.gelu(x, tanhApproximation ? TorchSharp.Modules.GELU.Approximate.tanh : TorchSharp.Modules.GELU.Approximate.none);

        var builder = WithInput(x, out string input);
        builder.AddOutput(builder.Gelu(input, tanhApproximation, "y"), OnnxDataType.Float, Batch, 7);

        AssertMatches(expected, RunUnary(builder, x, "y"));
    }

    [TestMethod]
    [DataRow(2L, 2L, 0L, false)]
    [DataRow(3L, 2L, 1L, false)]
    [DataRow(3L, 2L, 0L, true)]
    public void MaxPoolMatchesTorch(long kernel, long stride, long padding, bool ceilMode)
    {
        using var scope = NewDisposeScope();
        manual_seed(6);
        Tensor x = randn(2, 3, 9, 8);
        Tensor expected = nn.functional.max_pool2d(x, [kernel, kernel], [stride, stride], [padding, padding], ceil_mode: ceilMode);

        var builder = WithInput(x, out string input);
        string y = builder.MaxPool(input, [kernel, kernel], [stride, stride], [padding, padding, padding, padding], ceilMode: ceilMode, output: "y");
        builder.AddOutput(y, OnnxDataType.Float, Batch, 3, OnnxDimension.Symbolic("H"), OnnxDimension.Symbolic("W"));

        AssertMatches(expected, RunUnary(builder, x, "y"));
    }

    [TestMethod]
    public void GlobalPoolsMatchTorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        Tensor x = randn(2, 4, 5, 3);

        var builder = WithInput(x, out string input);
        builder.AddOutput(builder.GlobalMaxPool(input, "max"), OnnxDataType.Float, Batch, 4, 1, 1);
        builder.AddOutput(builder.GlobalAveragePool(input, "avg"), OnnxDataType.Float, Batch, 4, 1, 1);
        byte[] model = builder.ToBytes();

        AssertMatches(x.amax([2, 3], keepdim: true), OnnxRuntimeRunner.RunFloat(model, "x", Data(x), Dims(x), "max"));
        AssertMatches(x.mean([2, 3], keepdim: true), OnnxRuntimeRunner.RunFloat(model, "x", Data(x), Dims(x), "avg"));
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void ReduceMaxMatchesTorch(bool keepDims)
    {
        using var scope = NewDisposeScope();
        manual_seed(8);
        Tensor x = randn(2, 4, 5, 3);

        var builder = WithInput(x, out string input);
        builder.AddOutput(builder.ReduceMax(input, [2, -1], keepDims, "y"), OnnxDataType.Float, Batch, 4);

        AssertMatches(x.amax([2, 3], keepdim: keepDims), RunUnary(builder, x, "y"));
    }

    [TestMethod]
    public void ArithmeticWithPerChannelConstantsMatchesTorch()
    {
        // The input-normalisation pattern: (x * scale - mean) / std with [1, C, 1, 1] constants, then + and * of two values.
        using var scope = NewDisposeScope();
        manual_seed(9);
        Tensor x = rand(2, 3, 4, 4) * 255;
        Tensor scale = tensor(1f / 255f);
        Tensor mean = tensor(new[] { 0.49f, 0.48f, 0.45f }, [1, 3, 1, 1]);
        Tensor std = tensor(new[] { 0.25f, 0.24f, 0.26f }, [1, 3, 1, 1]);
        Tensor normalized = (x * scale - mean) / std;
        Tensor expected = (normalized + x) * normalized;

        var builder = WithInput(x, out string input);
        string n = builder.Div(builder.Sub(builder.Mul(input, Constant(builder, scale)), Constant(builder, mean)), Constant(builder, std));
        builder.AddOutput(builder.Mul(builder.Add(n, input), n, "y"), OnnxDataType.Float, Batch, 3, 4, 4);

        AssertMatches(expected, RunUnary(builder, x, "y"));
    }

    [TestMethod]
    public void ReshapeAndFlattenMatchTorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(10);
        Tensor x = randn(2, 3072);

        var builder = WithInput(x, out string input);
        string image = builder.Reshape(input, [-1, 3, 32, 32], "image");
        builder.AddOutput(image, OnnxDataType.Float, Batch, 3, 32, 32);
        builder.AddOutput(builder.Flatten(image, 1, "flat"), OnnxDataType.Float, Batch, 3072);
        byte[] model = builder.ToBytes();

        AssertMatches(x.reshape(-1, 3, 32, 32), OnnxRuntimeRunner.RunFloat(model, "x", Data(x), Dims(x), "image"));
        AssertMatches(x.reshape(-1, 3, 32, 32).flatten(1), OnnxRuntimeRunner.RunFloat(model, "x", Data(x), Dims(x), "flat"));
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void GemmWithTransposedWeightsMatchesTorchLinear(bool withBias)
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        Tensor x = randn(5, 12);
        Tensor w = randn(10, 12);
        Tensor? b = withBias ? randn(10) : null;
        Tensor expected = nn.functional.linear(x, w, b);

        var builder = WithInput(x, out string input);
        string y = builder.Gemm(input, Constant(builder, w), b is null ? null : Constant(builder, b), transB: true, output: "y");
        builder.AddOutput(y, OnnxDataType.Float, Batch, 10);

        AssertMatches(expected, RunUnary(builder, x, "y"));
    }

    [TestMethod]
    public void GemmAlphaBetaMatchTorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(12);
        Tensor x = randn(4, 6);
        Tensor w = randn(6, 3);
        Tensor c = randn(3);
        Tensor expected = x.matmul(w) * 0.5f + c * 2f;

        var builder = WithInput(x, out string input);
        builder.AddOutput(builder.Gemm(input, Constant(builder, w), Constant(builder, c), alpha: 0.5f, beta: 2f, output: "y"), OnnxDataType.Float, Batch, 3);

        AssertMatches(expected, RunUnary(builder, x, "y"));
    }

    [TestMethod]
    public void MatMulMatchesTorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(13);
        Tensor x = randn(2, 3, 4, 6);
        Tensor w = randn(6, 5);

        var builder = WithInput(x, out string input);
        builder.AddOutput(builder.MatMul(input, Constant(builder, w), "y"), OnnxDataType.Float, Batch, 3, 4, 5);

        AssertMatches(x.matmul(w), RunUnary(builder, x, "y"));
    }

    [TestMethod]
    public void SoftmaxAndLogSoftmaxMatchTorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(14);
        Tensor x = randn(6, 10) * 4;

        var builder = WithInput(x, out string input);
        builder.AddOutput(builder.Softmax(input, 1, "p"), OnnxDataType.Float, Batch, 10);
        builder.AddOutput(builder.LogSoftmax(input, 1, "logp"), OnnxDataType.Float, Batch, 10);
        byte[] model = builder.ToBytes();

        AssertMatches(nn.functional.softmax(x, 1), OnnxRuntimeRunner.RunFloat(model, "x", Data(x), Dims(x), "p"));
        AssertMatches(nn.functional.log_softmax(x, 1), OnnxRuntimeRunner.RunFloat(model, "x", Data(x), Dims(x), "logp"));
    }

    [TestMethod]
    public void ArgMaxMatchesTorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(15);
        Tensor x = randn(50, 10);
        long[] expected = x.argmax(1).data<long>().ToArray();
        Assert.IsGreaterThan(3, expected.Distinct().Count(), "random scores should not all pick the same class");

        var builder = WithInput(x, out string input);
        builder.AddOutput(builder.ArgMax(input, 1, keepDims: false, "k"), OnnxDataType.Int64, Batch);
        (long[] actual, long[] shape) = OnnxRuntimeRunner.RunInt64(builder.ToBytes(), "x", Data(x), Dims(x), "k");

        CollectionAssert.AreEqual(new long[] { 50 }, shape);
        CollectionAssert.AreEqual(expected, actual);
    }

    [TestMethod]
    public void IdentityAndCastMatchTorch()
    {
        using var scope = NewDisposeScope();
        manual_seed(16);
        Tensor x = randn(3, 4) * 10;

        var builder = WithInput(x, out string input);
        builder.AddOutput(builder.Identity(input, "same"), OnnxDataType.Float, Batch, 4);
        builder.AddOutput(builder.Cast(input, OnnxDataType.Int64, "truncated"), OnnxDataType.Int64, Batch, 4);
        byte[] model = builder.ToBytes();

        AssertMatches(x, OnnxRuntimeRunner.RunFloat(model, "x", Data(x), Dims(x), "same"));
        (long[] truncated, _) = OnnxRuntimeRunner.RunInt64(model, "x", Data(x), Dims(x), "truncated");
        CollectionAssert.AreEqual(x.to_type(ScalarType.Int64).data<long>().ToArray(), truncated);
    }
}
