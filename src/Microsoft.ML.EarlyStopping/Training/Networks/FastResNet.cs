using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.EarlyStopping.Training.Networks;

/// <summary>
/// A compact fast-training network in the style of the CIFAR-10 speed-run designs (ResNet-9): a stem convolution,
/// then three stages that each convolve and halve the resolution, the first and last followed by a residual block,
/// batch norm after every convolution, global max-pooling, and one linear layer whose output is scaled down, which
/// those designs found trains faster than a plain linear head.
/// </summary>
internal sealed class FastResNet : CifarNetwork
{
    private const float HeadScale = 0.125f;
    private readonly Module<Tensor, Tensor> _body;

    public FastResNet(int classCount, int width) : base(nameof(FastResNet), InputNormalization.Cifar10)
    {
        ClassCount = classCount;
        Width = width;
        int w1 = width, w2 = width * 2, w3 = width * 4, w4 = width * 8;
        _body = Sequential(
            ("stem", ConvBnRelu(3, w1)),
            ("stage1", Sequential(ConvBnRelu(w1, w2), MaxPool2d(2))),
            ("residual1", new Residual(Sequential(ConvBnRelu(w2, w2), ConvBnRelu(w2, w2)))),
            ("stage2", Sequential(ConvBnRelu(w2, w3), MaxPool2d(2))),
            ("stage3", Sequential(ConvBnRelu(w3, w4), MaxPool2d(2))),
            ("residual3", new Residual(Sequential(ConvBnRelu(w4, w4), ConvBnRelu(w4, w4)))),
            ("pool", AdaptiveMaxPool2d(new long[] { 1, 1 })),
            ("flatten", Flatten()),
            ("head", Linear(w4, classCount, hasBias: false)),
            ("scale", new Scale(HeadScale)));
        RegisterComponents();
    }

    public override int ClassCount { get; }

    /// <summary>Channels of the stem; the stages use 2×, 4× and 8× this.</summary>
    public int Width { get; }

    public override Module<Tensor, Tensor> Body => _body;

    private static Module<Tensor, Tensor> ConvBnRelu(int input, int output) => Sequential(
        Conv2d(input, output, 3, padding: 1, bias: false),
        BatchNorm2d(output),
        ReLU());
}
