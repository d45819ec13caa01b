using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// NHWC ("channels last") memory layout for 4-D tensors, which libtorch's CPU convolutions run faster on. TorchSharp
/// 0.107 has no memory-format API, so the layout is produced by permuting to NHWC, making that contiguous and
/// permuting back: the shape stays NCHW while the strides are NHWC, and libtorch keeps activations in that layout.
/// </summary>
internal static class ChannelsLast
{
    public static Tensor Of(Tensor batch) => batch.dim() == 4 ? batch.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : batch.alias();

    /// <summary>Re-lays every 4-D parameter (convolution weights) of <paramref name="module"/> in place.</summary>
    public static void Apply(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var parameter in module.parameters())
        {
            if (parameter.dim() != 4)
                continue;
            using Tensor relaid = Of(parameter);
            parameter.set_(relaid);
        }
    }
}
