using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// A whole data set held as two tensors, so batches are built by indexing rather than by creating a tensor per row:
/// pixels [N, C, H, W] (uint8 when every value is a whole number in 0..255, which is four times smaller than float)
/// and labels [N] (int64 class indices).
/// </summary>
internal sealed class ImageTensorSet : IDisposable
{
    public ImageTensorSet(Tensor pixels, Tensor labels)
    {
        if (pixels.dim() != 4 || labels.dim() != 1 || pixels.shape[0] != labels.shape[0])
            throw new ArgumentException($"Pixels must be [N,C,H,W] and labels [N]; got [{string.Join(",", pixels.shape)}] and [{string.Join(",", labels.shape)}].");
        Pixels = pixels;
        Labels = labels;
    }

    public Tensor Pixels { get; }

    public Tensor Labels { get; }

    public int Count => (int)Labels.shape[0];

    /// <summary>Rows at <paramref name="indices"/>, as a new set (the caller disposes it).</summary>
    public ImageTensorSet Select(int[] indices)
    {
        using Tensor index = tensor(indices.Select(i => (long)i).ToArray(), ScalarType.Int64);
        return new ImageTensorSet(Pixels.index_select(0, index), Labels.index_select(0, index));
    }

    public ImageTensorSet To(Device device) =>
        device.type == DeviceType.CPU ? this : new ImageTensorSet(Pixels.to(device), Labels.to(device));

    public void Dispose()
    {
        Pixels.Dispose();
        Labels.Dispose();
    }
}
