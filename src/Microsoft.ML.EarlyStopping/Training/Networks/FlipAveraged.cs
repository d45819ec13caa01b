using Microsoft.ML.EarlyStopping.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training.Networks;

/// <summary>
/// Test-time flip augmentation: in eval mode the output is the mean of the inner network's output for the image and
/// for its mirror image; in training mode it is the inner network's output alone (training augments with flips itself).
/// </summary>
/// <remarks>
/// Both views go through the network as one batch of twice the size, which is faster on a CPU than two passes, and
/// the ONNX export does the same (Concat, one pass, Reshape, ReduceMean), so the saved model scores exactly what
/// validation measured.
/// </remarks>
internal sealed class FlipAveraged : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private const long WidthAxis = 3;
    private readonly nn.Module<Tensor, Tensor> _inner;

    public FlipAveraged(nn.Module<Tensor, Tensor> inner) : base(nameof(FlipAveraged))
    {
        _inner = inner;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => training ? _inner.forward(input) : Average(_inner, input);

    /// <summary>The mean of <paramref name="inner"/>'s outputs for <paramref name="input"/> and its mirror image.</summary>
    public static Tensor Average(nn.Module<Tensor, Tensor> inner, Tensor input)
    {
        using var scope = NewDisposeScope();
        long n = input.shape[0];
        Tensor both = cat(new[] { input, input.flip(WidthAxis) }, 0);
        Tensor output = inner.forward(both);
        return output.narrow(0, 0, n).add(output.narrow(0, n, n)).mul_(0.5f).MoveToOuterDisposeScope();
    }

    public string ExportToOnnx(OnnxExportContext context, string input)
    {
        OnnxGraphBuilder builder = context.Builder;
        string both = builder.Concat([input, builder.Reverse(input, WidthAxis)], axis: 0);
        string output = context.ExportChild(_inner, "inner", both, out IReadOnlyList<long> perView);
        // [2N, ...] → [2, N, ...] (N inferred, as the batch size is symbolic) → mean over the two views.
        long[] split = [2, -1, .. perView.Skip(1)];
        return builder.ReduceMean(builder.Reshape(output, split), [0], keepDims: false);
    }
}
