using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Microsoft.ML.EarlyStopping.Training.Networks;

/// <summary>
/// A network after Keller Jordan's airbench94 design, the fastest published CIFAR-10 recipe to 94%: a frozen 2×2
/// patch-whitening convolution computed from the training images, three convolution groups (convolve, max-pool,
/// batch norm, GELU, convolve, batch norm, GELU) of widths w, 4w and 4w (airbench94 uses w = 64), global max-pooling
/// and a bias-free linear head scaled by 1/9.
/// </summary>
/// <remarks>
/// Details that make it train in few epochs, all from that design: batch norm has no learned scale (only a shift,
/// which the recipe trains at a much higher learning rate) and a fast-moving running average; the first input-count
/// filters of every group convolution start as the identity (Dirac), so a fresh network passes the whitened image
/// through; the whitening filters are the eigenvectors of the 2×2-patch covariance scaled by 1/sqrt(eigenvalue),
/// with their negatives, so GELU sees both signs.
/// </remarks>
internal sealed class AirbenchNet : CifarNetwork
{
    private const float HeadScale = 1f / 9f;
    private const int PatchSize = 2;
    private const int WhitenedChannels = 2 * 3 * PatchSize * PatchSize;
    private const double WhiteningEpsilon = 5e-4;
    private const double NormEpsilon = 1e-12;
    private const double NormMomentum = 0.4;
    private const int WhiteningSampleLimit = 5000;
    private readonly Conv2d _whiten;
    private readonly Module<Tensor, Tensor> _body;

    public AirbenchNet(int classCount, int width) : base(nameof(AirbenchNet), InputNormalization.Cifar10)
    {
        ClassCount = classCount;
        Width = width;
        int w1 = width, w2 = 4 * width, w3 = 4 * width;
        _whiten = Conv2d(3, WhitenedChannels, PatchSize, bias: true);
        _whiten.weight!.requires_grad = false;
        _body = Sequential(
            ("whiten", _whiten),
            ("whiten_act", GELU()),
            ("group1", ConvGroup(WhitenedChannels, w1)),
            ("group2", ConvGroup(w1, w2)),
            ("group3", ConvGroup(w2, w3)),
            ("pool", AdaptiveMaxPool2d(new long[] { 1, 1 })),
            ("flatten", Flatten()),
            ("head", Linear(w3, classCount, hasBias: false)),
            ("scale", new Scale(HeadScale)));
        RegisterComponents();
    }

    public override int ClassCount { get; }

    /// <summary>Channels of the first group; the second and third use 4× this.</summary>
    public int Width { get; }

    public override Module<Tensor, Tensor> Body => _body;

    /// <summary>Sets the whitening filters from up to 5,000 of <paramref name="pixels"/>, evenly spaced over the whole set.</summary>
    public override void InitializeFromData(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // Evenly spaced rather than the first rows: data sets read from class folders come sorted by class, and
        // whitening computed from one class's images fits the others worse.
        long count = pixels.shape[0];
        long stride = (count + WhiteningSampleLimit - 1) / WhiteningSampleLimit;
        Tensor sample = pixels.slice(0, 0, count, stride).to(_whiten.weight!.device);
        Tensor x = Normalize(sample);
        long c = x.shape[1];
        // Every 2×2 patch as a row of c·2·2 values, in the (channel, row, column) order of a filter's weights.
        Tensor patches = x.unfold(2, PatchSize, 1).unfold(3, PatchSize, 1).permute(0, 2, 3, 1, 4, 5).reshape(-1, c * PatchSize * PatchSize);
        // The 12×12 covariance is summed in single precision (millions of rows) and decomposed in double.
        Tensor covariance = patches.t().matmul(patches).div_(patches.shape[0]).to_type(ScalarType.Float64);
        (Tensor eigenvalues, Tensor eigenvectors) = linalg.eigh(covariance);
        Tensor filters = eigenvectors.t().div(eigenvalues.add(WhiteningEpsilon).sqrt().unsqueeze(1)).reshape(-1, c, PatchSize, PatchSize);
        _whiten.weight!.copy_(cat(new[] { filters, filters.neg() }, 0).to_type(ScalarType.Float32));
    }

    private static Module<Tensor, Tensor> ConvGroup(int input, int output) => Sequential(
        ("conv1", IdentityInitialized(Conv2d(input, output, 3, padding: 1, bias: false))),
        ("pool", MaxPool2d(2)),
        ("norm1", ShiftOnlyBatchNorm(output)),
        ("act1", GELU()),
        ("conv2", IdentityInitialized(Conv2d(output, output, 3, padding: 1, bias: false))),
        ("norm2", ShiftOnlyBatchNorm(output)),
        ("act2", GELU()));

    private static Conv2d IdentityInitialized(Conv2d conv)
    {
        using var noGrad = no_grad();
        Tensor weight = conv.weight!;
        long identities = Math.Min(weight.shape[0], weight.shape[1]);
        using Tensor head = weight.narrow(0, 0, identities);
        init.dirac_(head);
        return conv;
    }

    private static BatchNorm2d ShiftOnlyBatchNorm(int channels)
    {
        BatchNorm2d norm = BatchNorm2d(channels, eps: NormEpsilon, momentum: NormMomentum);
        norm.weight!.requires_grad = false;
        return norm;
    }
}
