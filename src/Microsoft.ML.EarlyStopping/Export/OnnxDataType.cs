namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>
/// Element types of ONNX tensors that <see cref="OnnxGraphBuilder"/> can declare.
/// The numeric values are those of <c>TensorProto.DataType</c> in the ONNX specification.
/// </summary>
public enum OnnxDataType
{
    /// <summary>32-bit IEEE float (<see cref="float"/>).</summary>
    Float = 1,

    /// <summary>Unsigned 8-bit integer (<see cref="byte"/>).</summary>
    UInt8 = 2,

    /// <summary>Signed 8-bit integer (<see cref="sbyte"/>).</summary>
    Int8 = 3,

    /// <summary>Signed 32-bit integer (<see cref="int"/>).</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer (<see cref="long"/>).</summary>
    Int64 = 7,

    /// <summary>UTF-8 string.</summary>
    String = 8,

    /// <summary>Boolean.</summary>
    Bool = 9,

    /// <summary>64-bit IEEE float (<see cref="double"/>).</summary>
    Double = 11,
}
