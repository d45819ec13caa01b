using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.EarlyStopping.Training.Networks;

/// <summary>
/// The original notebook's network, layer for layer: six 3×3 convolutions (32-32-64-64-128-128) with ReLU and a 2×2
/// max-pool after every second one, then fully connected 2048→1024→512→classes. The notebook ended in log-softmax
/// and NLL loss; here the network returns logits and training uses cross-entropy, which is the same computation.
/// </summary>
internal sealed class SeedNet : CifarNetwork
{
    private readonly Module<Tensor, Tensor> _body;

    public SeedNet(int classCount, int height, int width) : base(nameof(SeedNet), InputNormalization.Half)
    {
        if (height % 8 != 0 || width % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(height), $"{height}×{width}", "The Seed network needs image sides divisible by 8 (three 2×2 poolings).");
        ClassCount = classCount;
        _body = Sequential(
            Conv2d(3, 32, 3, padding: 1), ReLU(),
            Conv2d(32, 32, 3, padding: 1), ReLU(),
            MaxPool2d(2),
            Conv2d(32, 64, 3, padding: 1), ReLU(),
            Conv2d(64, 64, 3, padding: 1), ReLU(),
            MaxPool2d(2),
            Conv2d(64, 128, 3, padding: 1), ReLU(),
            Conv2d(128, 128, 3, padding: 1), ReLU(),
            MaxPool2d(2),
            Flatten(),
            Linear(128 * (height / 8) * (width / 8), 1024), ReLU(),
            Linear(1024, 512), ReLU(),
            Linear(512, classCount));
        RegisterComponents();
    }

    public override int ClassCount { get; }

    public override Module<Tensor, Tensor> Body => _body;
}
