namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>A constant tensor stored in the graph (<c>TensorProto</c> used as an initializer).</summary>
internal sealed class OnnxTensor
{
    private OnnxTensor(string name, OnnxDataType dataType, long[] dims)
    {
        Name = name;
        DataType = dataType;
        Dims = dims;
    }

    public string Name { get; }

    public OnnxDataType DataType { get; }

    public IReadOnlyList<long> Dims { get; }

    public float[] FloatData { get; private init; } = [];

    public long[] Int64Data { get; private init; } = [];

    public string[] StringData { get; private init; } = [];

    public static OnnxTensor FromFloats(string name, ReadOnlySpan<float> values, ReadOnlySpan<long> dims)
    {
        CheckElementCount(name, values.Length, dims);
        return new OnnxTensor(name, OnnxDataType.Float, dims.ToArray()) { FloatData = values.ToArray() };
    }

    public static OnnxTensor FromInt64s(string name, ReadOnlySpan<long> values, ReadOnlySpan<long> dims)
    {
        CheckElementCount(name, values.Length, dims);
        return new OnnxTensor(name, OnnxDataType.Int64, dims.ToArray()) { Int64Data = values.ToArray() };
    }

    public static OnnxTensor FromStrings(string name, IReadOnlyList<string> values, ReadOnlySpan<long> dims)
    {
        CheckElementCount(name, values.Count, dims);
        return new OnnxTensor(name, OnnxDataType.String, dims.ToArray()) { StringData = values.ToArray() };
    }

    private static void CheckElementCount(string name, int count, ReadOnlySpan<long> dims)
    {
        long expected = 1;
        foreach (long dim in dims)
        {
            if (dim < 0)
                throw new ArgumentException($"Initializer '{name}': dimension {dim} is negative; initializer dimensions must be fixed sizes.", nameof(dims));
            expected = checked(expected * dim);
        }
        if (expected != count)
            throw new ArgumentException(
                $"Initializer '{name}': shape [{string.Join(", ", dims.ToArray())}] holds {expected} elements but {count} values were given.", nameof(dims));
    }
}
