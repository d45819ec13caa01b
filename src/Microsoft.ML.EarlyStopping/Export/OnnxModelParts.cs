namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>Everything that goes into one ONNX <c>ModelProto</c>, as collected by <see cref="OnnxGraphBuilder"/>.</summary>
internal sealed record OnnxModelParts(
    long IrVersion,
    IReadOnlyList<(string Domain, long Version)> OpsetImports,
    string ProducerName,
    string ProducerVersion,
    string Domain,
    long ModelVersion,
    string? DocString,
    IReadOnlyList<KeyValuePair<string, string>> Metadata,
    string GraphName,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs);
