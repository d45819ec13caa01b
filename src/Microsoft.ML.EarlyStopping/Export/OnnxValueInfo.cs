namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>The declared type and shape of a graph input or output (<c>ValueInfoProto</c> of a tensor).</summary>
/// <param name="Name">The value name.</param>
/// <param name="ElementType">The tensor element type.</param>
/// <param name="Shape">The dimensions, fixed or symbolic.</param>
internal sealed record OnnxValueInfo(string Name, OnnxDataType ElementType, IReadOnlyList<OnnxDimension> Shape);
