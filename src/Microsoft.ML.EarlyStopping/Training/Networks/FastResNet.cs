using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.EarlyStopping.Training.Networks;

/// <summary>
/// A compact fast-training network in the style of the CIFAR-10 speed-run designs (ResNet-9 / airbench): a stem
/// convolution, then three stages that each convolve, halve the resolution and add a residual block, with batch
/// norm after every convolution, global max-pooling and one linear layer whose output is scaled down, which those
/// designs found trains faster than a plain linear head.
/// </summary>
internal sealed class FastResNet : CifarNetwork
{
    private const float HeadScale = 0.125f;
    private readonly Module<Tensor, Tensor> _stem;
    private readonly Module<Tensor, Tensor> _stage1;
    private readonly Module<Tensor, Tensor> _stage2;
    private readonly Module<Tensor, Tensor> _stage3;
    private readonly Module<Tensor, Tensor> _residual1;
    private readonly Module<Tensor, Tensor> _residual3;
    private readonly Module<Tensor, Tensor> _head;

    public FastResNet(int classCount, int width) : base(nameof(FastResNet), InputNormalization.Cifar10)
    {
        ClassCount = classCount;
        Width = width;
        int w1 = width, w2 = width * 2, w3 = width * 4, w4 = width * 8;
        _stem = ConvBnRelu(3, w1);
        _stage1 = Sequential(ConvBnRelu(w1, w2), MaxPool2d(2));
        _residual1 = Sequential(ConvBnRelu(w2, w2), ConvBnRelu(w2, w2));
        _stage2 = Sequential(ConvBnRelu(w2, w3), MaxPool2d(2));
        _stage3 = Sequential(ConvBnRelu(w3, w4), MaxPool2d(2));
        _residual3 = Sequential(ConvBnRelu(w4, w4), ConvBnRelu(w4, w4));
        _head = Linear(w4, classCount, hasBias: false);
        RegisterComponents();
    }

    public override int ClassCount { get; }

    /// <summary>Channels of the stem; the stages use 2×, 4× and 8× this.</summary>
    public int Width { get; }

    protected override Tensor Logits(Tensor normalized)
    {
        Tensor x = _stem.forward(normalized);
        x = _stage1.forward(x);
        x = x.add(_residual1.forward(x));
        x = _stage2.forward(x);
        x = _stage3.forward(x);
        x = x.add(_residual3.forward(x));
        x = functional.adaptive_max_pool2d(x, new long[] { 1, 1 }).flatten(1);
        return _head.forward(x).mul(HeadScale);
    }

    private static Module<Tensor, Tensor> ConvBnRelu(int input, int output) => Sequential(
        Conv2d(input, output, 3, padding: 1, bias: false),
        BatchNorm2d(output),
        ReLU());
}
