namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>Options of <see cref="OnnxClassifierTransforms"/>: how the ONNX classifier's inputs and outputs map to ML.NET columns.</summary>
public sealed class OnnxClassifierScoringOptions
{
    /// <summary>The class names in the order of the model's score slots. Required.</summary>
    public IReadOnlyList<string> ClassNames { get; set; } = [];

    /// <summary>The model's input name, which is also the ML.NET column fed to it. Defaults to <c>Features</c>.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The model's score output, which becomes the ML.NET score column. Defaults to <c>Score</c>.</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>The model's best-class index output (64-bit integer); used to build the predicted label, then dropped. Defaults to <c>PredictedIndex</c>.</summary>
    public string PredictedIndexColumnName { get; set; } = "PredictedIndex";

    /// <summary>The output column holding the predicted class as a key whose key values are <see cref="ClassNames"/>. Defaults to <c>PredictedLabel</c>.</summary>
    public string PredictedLabelColumnName { get; set; } = "PredictedLabel";
}
