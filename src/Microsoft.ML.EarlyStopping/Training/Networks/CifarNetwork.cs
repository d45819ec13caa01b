using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training.Networks;

/// <summary>
/// Base of every trainable architecture: takes raw pixels (0..255, planar CHW) and returns class logits.
/// Per-channel normalisation lives inside the network so that a saved model accepts the same pixel column
/// the ML.NET pipeline produced, with no separate preprocessing step to forget.
/// </summary>
internal abstract class CifarNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Tensor _scale;
    private readonly Tensor _shift;

    protected CifarNetwork(string name, InputNormalization normalization) : base(name)
    {
        Normalization = normalization;
        // (x / 255 - mean) / std == x * scale + shift, with one multiply-add per pixel.
        float[] scale = new float[3];
        float[] shift = new float[3];
        for (int c = 0; c < 3; c++)
        {
            scale[c] = (float)(1.0 / (255.0 * normalization.Std[c]));
            shift[c] = (float)(-normalization.Mean[c] / normalization.Std[c]);
        }
        _scale = tensor(scale).reshape(1, 3, 1, 1);
        _shift = tensor(shift).reshape(1, 3, 1, 1);
        register_buffer("input_scale", _scale, persistent: false);
        register_buffer("input_shift", _shift, persistent: false);
    }

    /// <summary>Mean and standard deviation (of pixels scaled to 0..1) the network normalises its input with.</summary>
    public InputNormalization Normalization { get; }

    /// <summary>Number of classes the last layer predicts.</summary>
    public abstract int ClassCount { get; }

    /// <summary>Everything after input normalisation, as one module tree the ONNX exporter can walk.</summary>
    public abstract nn.Module<Tensor, Tensor> Body { get; }

    /// <summary>
    /// Sets weights that are computed from the training images rather than learned (e.g. a whitening layer), before
    /// the first step. <paramref name="pixels"/> is a sample of raw training pixels, [N, 3, H, W]. Does nothing by default.
    /// </summary>
    public virtual void InitializeFromData(Tensor pixels)
    {
    }

    /// <summary>
    /// In eval mode, score each image as the mean of <see cref="Body"/>'s outputs for it and its mirror image
    /// (<see cref="FlipAveraged"/>); training is unaffected. The ONNX export must wrap <see cref="Body"/> the same way.
    /// </summary>
    public bool TestTimeFlip { get; set; }

    /// <summary><see cref="Body"/> as inference computes it: wrapped in <see cref="FlipAveraged"/> when <see cref="TestTimeFlip"/> is on.</summary>
    public nn.Module<Tensor, Tensor> CreateInferenceBody()
    {
        if (!TestTimeFlip)
            return Body;
        var averaged = new FlipAveraged(Body);
        averaged.eval();
        return averaged;
    }

    public override Tensor forward(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        Tensor x = Normalize(pixels);
        Tensor output = TestTimeFlip && !training ? FlipAveraged.Average(Body, x) : Body.forward(x);
        return output.MoveToOuterDisposeScope();
    }

    /// <summary>Raw pixels (0..255) to the normalised float input of <see cref="Body"/>.</summary>
    protected Tensor Normalize(Tensor pixels) => pixels.to_type(ScalarType.Float32).mul(_scale).add_(_shift);
}
