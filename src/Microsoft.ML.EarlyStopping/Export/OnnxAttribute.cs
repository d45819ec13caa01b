namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>One attribute of an ONNX node (the subset of <c>AttributeProto</c> kinds this project writes).</summary>
internal sealed class OnnxAttribute
{
    private OnnxAttribute(string name, OnnxAttributeKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public OnnxAttributeKind Kind { get; }

    public float FloatValue { get; private init; }

    public long IntValue { get; private init; }

    public string StringValue { get; private init; } = "";

    public IReadOnlyList<float> Floats { get; private init; } = [];

    public IReadOnlyList<long> Ints { get; private init; } = [];

    public IReadOnlyList<string> Strings { get; private init; } = [];

    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeKind.Float) { FloatValue = value };

    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeKind.Int) { IntValue = value };

    public static OnnxAttribute String(string name, string value) => new(name, OnnxAttributeKind.String) { StringValue = value };

    public static OnnxAttribute FloatList(string name, IEnumerable<float> values) => new(name, OnnxAttributeKind.Floats) { Floats = values.ToArray() };

    public static OnnxAttribute IntList(string name, IEnumerable<long> values) => new(name, OnnxAttributeKind.Ints) { Ints = values.ToArray() };

    public static OnnxAttribute StringList(string name, IEnumerable<string> values) => new(name, OnnxAttributeKind.Strings) { Strings = values.ToArray() };
}
