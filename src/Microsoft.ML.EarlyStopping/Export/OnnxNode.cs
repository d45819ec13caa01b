namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>One operator call of an ONNX graph (<c>NodeProto</c>).</summary>
/// <param name="OpType">The operator, for example <c>Conv</c>.</param>
/// <param name="Name">A name unique within the graph.</param>
/// <param name="Domain">The operator set domain: empty for the default <c>ai.onnx</c> domain.</param>
/// <param name="Inputs">Input value names; an empty string marks an omitted optional input.</param>
/// <param name="Outputs">Output value names.</param>
/// <param name="Attributes">The node's attributes.</param>
internal sealed record OnnxNode(
    string OpType,
    string Name,
    string Domain,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<OnnxAttribute> Attributes);
