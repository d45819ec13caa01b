using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// Random crop (zero or reflect padding) and random horizontal flip of a training batch, done on tensors. Randomness comes
/// from a seeded <see cref="Random"/>, so a run is reproducible.
/// </summary>
internal sealed class BatchAugmenter
{
    private readonly int _padding;
    private readonly bool _flip;
    private readonly Random _random;
    private readonly CropPaddingMode _mode;

    public BatchAugmenter(int padding, bool flip, int seed, CropPaddingMode mode = CropPaddingMode.Zeros)
    {
        if (padding < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "The crop padding must be ≥ 0.");
        _padding = padding;
        _flip = flip;
        _mode = mode;
        _random = new Random(seed);
    }

    public bool IsIdentity => _padding == 0 && !_flip;

    /// <summary>Returns an augmented copy of <paramref name="batch"/> [N,C,H,W] (any dtype).</summary>
    public Tensor Apply(Tensor batch)
    {
        if (IsIdentity)
            return batch.alias();
        int n = (int)batch.shape[0];
        long h = batch.shape[2], w = batch.shape[3];
        Tensor result = batch;
        if (_padding > 0)
        {
            using Tensor padded = Pad(batch);
            result = empty_like(batch);
            for (int i = 0; i < n; i++)
            {
                long dy = _random.Next(2 * _padding + 1);
                long dx = _random.Next(2 * _padding + 1);
                using Tensor crop = padded[i].narrow(1, dy, h).narrow(2, dx, w);
                using Tensor target = result[i];
                target.copy_(crop);
            }
        }
        if (_flip)
        {
            var mask = new bool[n];
            for (int i = 0; i < n; i++)
                mask[i] = _random.Next(2) == 1;
            using Tensor flipMask = tensor(mask).reshape(n, 1, 1, 1);
            using Tensor flipped = result.flip(3);
            Tensor mixed = where(flipMask, flipped, result);
            if (!ReferenceEquals(result, batch))
                result.Dispose();
            result = mixed;
        }
        return ReferenceEquals(result, batch) ? batch.alias() : result;
    }

    private Tensor Pad(Tensor batch)
    {
        var pads = new long[] { _padding, _padding, _padding, _padding };
        if (_mode == CropPaddingMode.Zeros)
            return nn.functional.pad(batch, pads);
        // libtorch reflects floating-point tensors only; byte pixels go through Single and back, exactly.
        if (batch.is_floating_point())
            return nn.functional.pad(batch, pads, PaddingModes.Reflect);
        using Tensor asFloat = batch.to_type(ScalarType.Float32);
        using Tensor reflected = nn.functional.pad(asFloat, pads, PaddingModes.Reflect);
        return reflected.to_type(batch.dtype);
    }
}
