using Microsoft.ML.Data;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>
/// A trained CIFAR CNN as an ML.NET transformer: adds <c>Score</c> (class probabilities, slot names = class names) and
/// <c>PredictedLabel</c> (a key whose key values are the class names). Scoring runs the exported ONNX network in ONNX
/// Runtime, so <c>mlContext.Model.Save</c> writes an ordinary ML.NET zip that plain <c>mlContext.Model.Load</c> reads back
/// in any process, with no registration and no libtorch. The loaded model is the scoring chain itself; the training
/// summary stays on this object (save it separately if you need it later).
/// Dispose it when done: the scoring chain keeps a temporary copy of the ONNX network that only Dispose deletes.
/// </summary>
public sealed class CifarCnnTransformer : ITransformer, IDisposable
{
    private readonly ITransformer _scorer;
    private readonly byte[] _onnxModel;

    internal CifarCnnTransformer(ITransformer scorer, byte[] onnxModel, CifarCnnTrainingSummary summary)
    {
        _scorer = scorer;
        _onnxModel = onnxModel;
        TrainingSummary = summary;
    }

    /// <summary>Every epoch's metrics, why training stopped and which epoch's weights the model holds.</summary>
    public CifarCnnTrainingSummary TrainingSummary { get; }

    /// <summary>Class names in label-key order.</summary>
    public IReadOnlyList<string> ClassNames => TrainingSummary.ClassNames;

    /// <inheritdoc />
    public bool IsRowToRowMapper => _scorer.IsRowToRowMapper;

    /// <summary>The network as an ONNX model (input: pixels 0..255, outputs: probabilities and the predicted index).</summary>
    public ReadOnlyMemory<byte> OnnxModel => _onnxModel;

    /// <summary>Writes <see cref="OnnxModel"/> to a file, e.g. to score with ONNX Runtime outside ML.NET.</summary>
    public void SaveOnnx(string path) => File.WriteAllBytes(path, _onnxModel);

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _scorer.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _scorer.GetRowToRowMapper(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => _scorer.Transform(input);

    /// <summary>Deletes the scoring chain's temporary copy of the ONNX network; the transformer cannot score afterwards.</summary>
    public void Dispose() => (_scorer as IDisposable)?.Dispose();

    /// <summary>Saves the scoring chain: what plain <c>mlContext.Model.Load</c> gives back.</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => _scorer.Save(ctx);
}
