using Microsoft.ML.EarlyStopping.Export;
using Microsoft.ML.EarlyStopping.Training.Networks;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>Turns a trained network into the ONNX-backed ML.NET scoring chain that a <see cref="CifarCnnTransformer"/> wraps.</summary>
internal static class ScoringModelFactory
{
    public static CifarCnnTransformer Create(CifarNetwork network, TrainingColumns columns, IDataView input, CifarCnnTrainingSummary summary)
    {
        var export = new OnnxClassifierExportOptions
        {
            ClassNames = columns.ClassNames,
            FeatureColumnName = columns.FeatureColumnName,
            Channels = columns.Channels,
            Height = columns.Height,
            Width = columns.Width,
            PixelScale = 1f / 255f,
            ChannelMeans = network.Normalization.Mean.Select(m => (float)m).ToArray(),
            ChannelStandardDeviations = network.Normalization.Std.Select(s => (float)s).ToArray(),
        };
        byte[] onnx = TorchSharpOnnxExporter.ExportClassifier(network.CreateInferenceBody(), export);
        // The scoring transforms are ML.NET's own and need an MLContext; ML.NET offers no public way to wrap the
        // catalog's environment in one, and they keep nothing from it but logging, so a fresh context serves.
        ITransformer scorer = OnnxClassifierTransforms.CreateTransformer(new MLContext(), onnx, input, export.ToScoringOptions());
        return new CifarCnnTransformer(scorer, onnx, summary);
    }
}
