namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>Options of <see cref="TorchSharpOnnxExporter.ExportClassifier"/>.</summary>
public sealed class OnnxClassifierExportOptions
{
    /// <summary>
    /// The class names, in the order of the network's outputs (output <c>i</c> scores class <c>ClassNames[i]</c>).
    /// Required; their count must equal the network's number of outputs. They become the slot names of the score
    /// column and the key values of the predicted label.
    /// </summary>
    public IReadOnlyList<string> ClassNames { get; set; } = [];

    /// <summary>
    /// The name of the model's input, which is also the ML.NET column it reads: a vector of
    /// <c>Channels * Height * Width</c> <see cref="float"/> values in planar (CHW) order. Defaults to <c>Features</c>.
    /// </summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The name of the output holding one score per class (and of the ML.NET column made from it). Defaults to <c>Score</c>.</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>
    /// The name of the output holding the index of the best class (64-bit integer); <see cref="OnnxClassifierTransforms"/>
    /// turns it into the predicted label and then drops it. Defaults to <c>PredictedIndex</c>.
    /// </summary>
    public string PredictedIndexColumnName { get; set; } = "PredictedIndex";

    /// <summary>The number of image channels. Defaults to 3 (RGB).</summary>
    public int Channels { get; set; } = 3;

    /// <summary>The image height in pixels. Defaults to 32 (CIFAR-10).</summary>
    public int Height { get; set; } = 32;

    /// <summary>The image width in pixels. Defaults to 32 (CIFAR-10).</summary>
    public int Width { get; set; } = 32;

    /// <summary>
    /// Every input value is first multiplied by this factor, for example <c>1/255f</c> when the feature column holds
    /// raw 0-255 pixel values and the network was trained on 0-1 values. Defaults to 1 (no scaling).
    /// </summary>
    public float PixelScale { get; set; } = 1f;

    /// <summary>
    /// Per-channel means subtracted after scaling, one per channel, or <see langword="null"/> for none (the default).
    /// </summary>
    public IReadOnlyList<float>? ChannelMeans { get; set; }

    /// <summary>
    /// Per-channel standard deviations divided by after subtracting the means, one positive value per channel,
    /// or <see langword="null"/> for none (the default).
    /// </summary>
    public IReadOnlyList<float>? ChannelStandardDeviations { get; set; }

    /// <summary>
    /// Whether the score is the softmax of the network's outputs (probabilities, the ML.NET convention for
    /// multiclass scores) rather than the raw outputs. Defaults to <see langword="true"/>; set it to
    /// <see langword="false"/> when the network already ends with a softmax.
    /// </summary>
    public bool ApplySoftmax { get; set; } = true;

    /// <summary>The options <see cref="OnnxClassifierTransforms"/> needs to score a model exported with these options.</summary>
    /// <returns>Scoring options with the same class names and column names.</returns>
    public OnnxClassifierScoringOptions ToScoringOptions() => new()
    {
        ClassNames = ClassNames.ToArray(),
        FeatureColumnName = FeatureColumnName,
        ScoreColumnName = ScoreColumnName,
        PredictedIndexColumnName = PredictedIndexColumnName,
    };
}
