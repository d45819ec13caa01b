namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>The <c>AttributeProto.AttributeType</c> values this project writes.</summary>
internal enum OnnxAttributeKind
{
    Float = 1,
    Int = 2,
    String = 3,
    Floats = 6,
    Ints = 7,
    Strings = 8,
}
