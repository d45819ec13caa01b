using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>
/// Exports a trained TorchSharp image classifier to ONNX, ready for ML.NET's <c>ApplyOnnxModel</c>
/// (see <see cref="OnnxClassifierTransforms"/>) or for ONNX Runtime directly.
/// </summary>
/// <remarks>
/// <para>The exported graph is:</para>
/// <list type="number">
/// <item><description>input <see cref="OnnxClassifierExportOptions.FeatureColumnName"/>: float [N, C*H*W] (N symbolic), reshaped to [N, C, H, W];</description></item>
/// <item><description>optional input normalisation: x * <see cref="OnnxClassifierExportOptions.PixelScale"/>, minus per-channel means, divided by per-channel standard deviations;</description></item>
/// <item><description>the network, in inference (eval) semantics: dropout is the identity, batch norm uses its running statistics;</description></item>
/// <item><description>output <see cref="OnnxClassifierExportOptions.ScoreColumnName"/>: float [N, classes], the softmax of the network's outputs (or the raw outputs);</description></item>
/// <item><description>output <see cref="OnnxClassifierExportOptions.PredictedIndexColumnName"/>: int64 [N], the index of the highest output;</description></item>
/// <item><description>the class names as the score's slot names, in the form ML.NET reads back (<see cref="OnnxGraphBuilder.AddSlotNames"/>).</description></item>
/// </list>
/// <para>
/// Supported modules: <c>Sequential</c> (recursively), <c>Conv2d</c> (zero padding, any stride/dilation/groups,
/// explicit, 'valid' or 'same' padding), <c>BatchNorm1d/2d/3d</c> with running statistics, <c>ReLU</c>, <c>GELU</c>
/// (exact or tanh), <c>MaxPool2d</c>, <c>AdaptiveMaxPool2d</c>/<c>AdaptiveAvgPool2d</c> to 1x1, <c>Flatten</c>,
/// <c>Linear</c>, <c>Softmax</c>, <c>Identity</c> and dropout layers. Other modules can implement
/// <see cref="IOnnxExportable"/>; anything else is rejected with a <see cref="NotSupportedException"/> naming it.
/// </para>
/// </remarks>
public static class TorchSharpOnnxExporter
{
    /// <summary>Exports <paramref name="network"/> as an ONNX image classifier.</summary>
    /// <param name="network">
    /// The trained network mapping [N, C, H, W] images to [N, classes] outputs (logits unless
    /// <see cref="OnnxClassifierExportOptions.ApplySoftmax"/> is off). Its train/eval flags are restored afterwards.
    /// </param>
    /// <param name="options">Class names, column names, image shape and input normalisation.</param>
    /// <returns>The serialized ONNX model.</returns>
    /// <exception cref="ArgumentException">An option is invalid, or the network's output size differs from the number of class names.</exception>
    /// <exception cref="NotSupportedException">The network contains a module that cannot be exported.</exception>
    public static byte[] ExportClassifier(nn.Module<Tensor, Tensor> network, OnnxClassifierExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var builder = new OnnxGraphBuilder();
        builder.DocString = $"Image classifier exported from TorchSharp by {OnnxGraphBuilder.ProducerName}.";
        var batch = OnnxDimension.Symbolic("N");
        long c = options.Channels, h = options.Height, w = options.Width;
        string features = builder.AddInput(options.FeatureColumnName, OnnxDataType.Float, batch, c * h * w);
        string image = builder.Reshape(features, [-1, c, h, w]);
        image = Normalize(builder, image, options);

        string logits = Translate(network, builder, image, options);

        string score = options.ApplySoftmax
            ? builder.Softmax(logits, axis: 1, output: options.ScoreColumnName)
            : builder.Identity(logits, options.ScoreColumnName);
        builder.AddOutput(score, OnnxDataType.Float, batch, options.ClassNames.Count);
        string index = builder.ArgMax(logits, axis: 1, keepDims: false, output: options.PredictedIndexColumnName);
        builder.AddOutput(index, OnnxDataType.Int64, batch);
        builder.AddSlotNames(options.ScoreColumnName, options.ClassNames);
        return builder.ToBytes();
    }

    private static string Translate(nn.Module<Tensor, Tensor> network, OnnxGraphBuilder builder, string image, OnnxClassifierExportOptions options)
    {
        // Remember each module's own flag: train(bool) recurses, so restoring in pre-order (parents first) is exact.
        var modes = new List<(nn.Module Module, bool Training)> { (network, network.training) };
        modes.AddRange(network.named_modules().Select(m => (m.module, m.module.training)));
        network.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            Device device = network.parameters().FirstOrDefault()?.device ?? CPU;
            Tensor probe = zeros([1, options.Channels, options.Height, options.Width], ScalarType.Float32, device);
            (string logits, Tensor output) = new TorchModuleOnnxTranslator(builder).Translate(network, "", image, probe);
            long[] shape = output.shape;
            if (shape.Length != 2 || shape[1] != options.ClassNames.Count)
                throw new ArgumentException(
                    $"The network maps a [1, {options.Channels}, {options.Height}, {options.Width}] image to shape [{string.Join(", ", shape)}], "
                    + $"but {options.ClassNames.Count} class names were given: expected [1, {options.ClassNames.Count}].", nameof(network));
            return logits;
        }
        finally
        {
            foreach ((nn.Module module, bool training) in modes)
                module.train(training);
        }
    }

    private static string Normalize(OnnxGraphBuilder builder, string image, OnnxClassifierExportOptions options)
    {
        long[] perChannel = [1, options.Channels, 1, 1];
        if (options.PixelScale != 1f)
            image = builder.Mul(image, builder.AddFloatInitializer([options.PixelScale], [], "input_scale"));
        if (options.ChannelMeans is { } means)
            image = builder.Sub(image, builder.AddFloatInitializer(means.ToArray(), perChannel, "input_mean"));
        if (options.ChannelStandardDeviations is { } stds)
            image = builder.Div(image, builder.AddFloatInitializer(stds.ToArray(), perChannel, "input_std"));
        return image;
    }

    private static void Validate(OnnxClassifierExportOptions options)
    {
        if (options.ClassNames is null || options.ClassNames.Count < 2)
            throw new ArgumentException($"{nameof(OnnxClassifierExportOptions.ClassNames)} must hold at least two class names.", nameof(options));
        if (options.Channels < 1 || options.Height < 1 || options.Width < 1)
            throw new ArgumentException(
                $"Image shape must be positive: {nameof(options.Channels)}={options.Channels}, {nameof(options.Height)}={options.Height}, {nameof(options.Width)}={options.Width}.",
                nameof(options));
        string[] names = [options.FeatureColumnName, options.ScoreColumnName, options.PredictedIndexColumnName];
        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new ArgumentException(
                $"{nameof(options.FeatureColumnName)}, {nameof(options.ScoreColumnName)} and {nameof(options.PredictedIndexColumnName)} must be non-empty and distinct, "
                + $"got '{options.FeatureColumnName}', '{options.ScoreColumnName}', '{options.PredictedIndexColumnName}'.", nameof(options));
        if (!float.IsFinite(options.PixelScale) || options.PixelScale == 0f)
            throw new ArgumentException($"{nameof(options.PixelScale)} must be a finite non-zero number, got {options.PixelScale}.", nameof(options));
        if (options.ChannelMeans is { } means && (means.Count != options.Channels || means.Any(m => !float.IsFinite(m))))
            throw new ArgumentException($"{nameof(options.ChannelMeans)} must hold {options.Channels} finite values (one per channel), got [{string.Join(", ", means)}].", nameof(options));
        if (options.ChannelStandardDeviations is { } stds && (stds.Count != options.Channels || stds.Any(s => !(s > 0f) || !float.IsFinite(s))))
            throw new ArgumentException(
                $"{nameof(options.ChannelStandardDeviations)} must hold {options.Channels} positive finite values (one per channel), got [{string.Join(", ", stds)}].", nameof(options));
    }
}
