using System.Globalization;
using System.Reflection;

namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>
/// Builds an ONNX model (a serialized <c>ModelProto</c>) from typed calls: graph inputs, constant tensors
/// (initializers), operator nodes and graph outputs. The result runs in ONNX Runtime and in ML.NET's
/// <c>ApplyOnnxModel</c>.
/// </summary>
/// <remarks>
/// <para>
/// Every operator method takes the names of the values it consumes and returns the name of the value it produces.
/// Values must be defined (as an input, an initializer or a previous node's output) before they are used, so a
/// graph built with this class is always in topological order. Pass <c>output</c> to choose the produced value's
/// name (for example to make it a graph output named after an ML.NET column); otherwise a unique name is generated.
/// </para>
/// <para>
/// The model declares ONNX IR version <see cref="IrVersion"/> and the default operator set at version
/// <see cref="OpsetVersion"/> (the first one with a native <c>Gelu</c>); <see cref="AddSlotNames"/> also imports
/// <c>ai.onnx.ml</c> at version <see cref="MLOpsetVersion"/>. Operator semantics are those of the ONNX operator
/// documentation for that opset.
/// </para>
/// </remarks>
public sealed class OnnxGraphBuilder
{
    /// <summary>The ONNX IR version written into the model (IR 9 came with opset 20).</summary>
    public const long IrVersion = 9;

    /// <summary>The version of the default (<c>ai.onnx</c>) operator set the model imports.</summary>
    public const int OpsetVersion = 20;

    /// <summary>The version of the <c>ai.onnx.ml</c> operator set imported when <see cref="AddSlotNames"/> is used.</summary>
    public const int MLOpsetVersion = 3;

    /// <summary>The producer name written into every model.</summary>
    public const string ProducerName = "Microsoft.ML.EarlyStopping";

    private const string MLDomain = "ai.onnx.ml";

    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<KeyValuePair<string, string>> _metadata = [];
    private readonly Dictionary<string, IReadOnlyList<long>?> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodeNames = new(StringComparer.Ordinal);
    private int _nextId;
    private bool _usesMLDomain;

    /// <summary>Creates an empty graph.</summary>
    /// <param name="graphName">The graph's name, stored in the model. Defaults to <c>main_graph</c>.</param>
    public OnnxGraphBuilder(string graphName = "main_graph")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(graphName);
        GraphName = graphName;
    }

    /// <summary>The graph's name.</summary>
    public string GraphName { get; }

    /// <summary>Free text stored as the model's <c>doc_string</c>. Defaults to none.</summary>
    public string? DocString { get; set; }

    /// <summary>The model version stored in the model. Defaults to 1.</summary>
    public long ModelVersion { get; set; } = 1;

    /// <summary>Whether <paramref name="name"/> is already defined (input, initializer or node output).</summary>
    /// <param name="name">A value name.</param>
    public bool IsDefined(string name) => _values.ContainsKey(name);

    /// <summary>Adds a key/value pair to the model's <c>metadata_props</c>.</summary>
    /// <param name="key">The key; must not be empty or repeated.</param>
    /// <param name="value">The value.</param>
    public void AddMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (_metadata.Any(pair => pair.Key == key))
            throw new ArgumentException($"Metadata key '{key}' was already added.", nameof(key));
        _metadata.Add(new KeyValuePair<string, string>(key, value));
    }

    /// <summary>Declares a graph input.</summary>
    /// <param name="name">The input's name. ML.NET's <c>ApplyOnnxModel</c> feeds the column of the same name.</param>
    /// <param name="elementType">The tensor element type.</param>
    /// <param name="shape">The dimensions; use <see cref="OnnxDimension.Symbolic(string)"/> for a batch dimension.</param>
    /// <returns><paramref name="name"/>.</returns>
    public string AddInput(string name, OnnxDataType elementType, params OnnxDimension[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Define(name, shape.All(d => d.Size.HasValue) ? shape.Select(d => d.Size!.Value).ToArray() : null);
        _inputs.Add(new OnnxValueInfo(name, elementType, shape.ToArray()));
        return name;
    }

    /// <summary>Declares an already defined value as a graph output.</summary>
    /// <param name="name">The value to expose; ML.NET's <c>ApplyOnnxModel</c> makes a column of this name.</param>
    /// <param name="elementType">The tensor element type.</param>
    /// <param name="shape">The declared dimensions.</param>
    public void AddOutput(string name, OnnxDataType elementType, params OnnxDimension[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        RequireDefined(name, nameof(name));
        if (_outputs.Any(o => o.Name == name))
            throw new ArgumentException($"'{name}' is already a graph output.", nameof(name));
        if (_inputs.Any(i => i.Name == name))
            throw new ArgumentException($"'{name}' is a graph input; route it through Identity to expose it as an output.", nameof(name));
        _outputs.Add(new OnnxValueInfo(name, elementType, shape.ToArray()));
    }

    /// <summary>Adds a constant float tensor.</summary>
    /// <param name="values">The elements in row-major (C) order.</param>
    /// <param name="dims">The shape; empty for a scalar. The element count must match.</param>
    /// <param name="name">The value name; generated when <see langword="null"/>.</param>
    /// <returns>The value name.</returns>
    public string AddFloatInitializer(ReadOnlySpan<float> values, ReadOnlySpan<long> dims, string? name = null)
    {
        name ??= NewName("const");
        var tensor = OnnxTensor.FromFloats(name, values, dims);
        Define(name, tensor.Dims);
        _initializers.Add(tensor);
        return name;
    }

    /// <summary>Adds a constant 64-bit integer tensor.</summary>
    /// <param name="values">The elements in row-major (C) order.</param>
    /// <param name="dims">The shape; empty for a scalar. The element count must match.</param>
    /// <param name="name">The value name; generated when <see langword="null"/>.</param>
    /// <returns>The value name.</returns>
    public string AddInt64Initializer(ReadOnlySpan<long> values, ReadOnlySpan<long> dims, string? name = null)
    {
        name ??= NewName("const");
        var tensor = OnnxTensor.FromInt64s(name, values, dims);
        Define(name, tensor.Dims);
        _initializers.Add(tensor);
        return name;
    }

    /// <summary>Adds a constant string tensor.</summary>
    /// <param name="values">The elements in row-major (C) order.</param>
    /// <param name="dims">The shape; empty for a scalar. The element count must match.</param>
    /// <param name="name">The value name; generated when <see langword="null"/>.</param>
    /// <returns>The value name.</returns>
    public string AddStringInitializer(IReadOnlyList<string> values, ReadOnlySpan<long> dims, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        name ??= NewName("const");
        var tensor = OnnxTensor.FromStrings(name, values, dims);
        Define(name, tensor.Dims);
        _initializers.Add(tensor);
        return name;
    }

    /// <summary>2-D (or N-D) convolution, <c>Conv</c>: dilations, strides and symmetric or explicit padding.</summary>
    /// <param name="input">The input, shape [N, C, H, W].</param>
    /// <param name="weight">The kernel, shape [M, C/group, kH, kW] (PyTorch's layout).</param>
    /// <param name="bias">The bias, shape [M], or <see langword="null"/>.</param>
    /// <param name="strides">The stride per spatial axis.</param>
    /// <param name="pads">Padding as [begin per spatial axis..., end per spatial axis...], the ONNX order.</param>
    /// <param name="dilations">The dilation per spatial axis; all ones when <see langword="null"/>.</param>
    /// <param name="group">The number of groups; 1 for an ordinary convolution.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Conv(string input, string weight, string? bias, IReadOnlyList<long> strides, IReadOnlyList<long> pads,
        IReadOnlyList<long>? dilations = null, long group = 1, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(strides);
        ArgumentNullException.ThrowIfNull(pads);
        int spatial = strides.Count;
        if (spatial == 0)
            throw new ArgumentException("Conv needs at least one spatial axis (one stride per spatial axis).", nameof(strides));
        if (pads.Count != 2 * spatial)
            throw new ArgumentException($"Conv pads must have 2 x {spatial} entries (begins then ends), got {pads.Count}.", nameof(pads));
        dilations ??= Enumerable.Repeat(1L, spatial).ToArray();
        if (dilations.Count != spatial)
            throw new ArgumentException($"Conv dilations must have {spatial} entries, got {dilations.Count}.", nameof(dilations));
        ArgumentOutOfRangeException.ThrowIfLessThan(group, 1);

        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.IntList("dilations", dilations),
            OnnxAttribute.Int("group", group),
            OnnxAttribute.IntList("pads", pads),
            OnnxAttribute.IntList("strides", strides),
        };
        if (_values.GetValueOrDefault(weight) is { Count: > 2 } weightDims)
            attributes.Add(OnnxAttribute.IntList("kernel_shape", weightDims.Skip(2)));
        string[] inputs = bias is null ? [input, weight] : [input, weight, bias];
        return AddNode("Conv", inputs, output, attributes);
    }

    /// <summary>Batch normalization in inference form, <c>BatchNormalization</c>: (x - mean) / sqrt(var + epsilon) * scale + bias per channel.</summary>
    /// <param name="input">The input, shape [N, C, ...].</param>
    /// <param name="scale">Per-channel scale (gamma), shape [C].</param>
    /// <param name="bias">Per-channel bias (beta), shape [C].</param>
    /// <param name="mean">Running mean, shape [C].</param>
    /// <param name="variance">Running variance, shape [C].</param>
    /// <param name="epsilon">Added to the variance; PyTorch's default is 1e-5.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string BatchNormalization(string input, string scale, string bias, string mean, string variance, float epsilon, string? output = null)
    {
        if (!(epsilon >= 0f))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "BatchNormalization epsilon must be a non-negative number.");
        return AddNode("BatchNormalization", [input, scale, bias, mean, variance], output, [OnnxAttribute.Float("epsilon", epsilon)]);
    }

    /// <summary>Rectified linear unit, <c>Relu</c>: max(x, 0).</summary>
    /// <param name="input">The input.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Relu(string input, string? output = null) => AddNode("Relu", [input], output, []);

    /// <summary>Gaussian error linear unit, <c>Gelu</c> (opset 20): x * Phi(x), exactly or with the tanh approximation.</summary>
    /// <param name="input">The input.</param>
    /// <param name="tanhApproximation">Use the tanh approximation (PyTorch's <c>approximate='tanh'</c>) instead of the exact erf form.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Gelu(string input, bool tanhApproximation = false, string? output = null)
        => AddNode("Gelu", [input], output, [OnnxAttribute.String("approximate", tanhApproximation ? "tanh" : "none")]);

    /// <summary>Max pooling, <c>MaxPool</c>.</summary>
    /// <param name="input">The input, shape [N, C, H, W].</param>
    /// <param name="kernelShape">The window size per spatial axis.</param>
    /// <param name="strides">The stride per spatial axis.</param>
    /// <param name="pads">Padding as [begin per spatial axis..., end per spatial axis...]; padded cells never win the max.</param>
    /// <param name="dilations">The dilation per spatial axis; all ones when <see langword="null"/>.</param>
    /// <param name="ceilMode">Round the output size up instead of down (PyTorch's <c>ceil_mode</c>).</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string MaxPool(string input, IReadOnlyList<long> kernelShape, IReadOnlyList<long> strides, IReadOnlyList<long> pads,
        IReadOnlyList<long>? dilations = null, bool ceilMode = false, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(kernelShape);
        ArgumentNullException.ThrowIfNull(strides);
        ArgumentNullException.ThrowIfNull(pads);
        int spatial = kernelShape.Count;
        if (spatial == 0)
            throw new ArgumentException("MaxPool needs at least one spatial axis.", nameof(kernelShape));
        if (strides.Count != spatial)
            throw new ArgumentException($"MaxPool strides must have {spatial} entries, got {strides.Count}.", nameof(strides));
        if (pads.Count != 2 * spatial)
            throw new ArgumentException($"MaxPool pads must have 2 x {spatial} entries (begins then ends), got {pads.Count}.", nameof(pads));
        dilations ??= Enumerable.Repeat(1L, spatial).ToArray();
        if (dilations.Count != spatial)
            throw new ArgumentException($"MaxPool dilations must have {spatial} entries, got {dilations.Count}.", nameof(dilations));
        return AddNode("MaxPool", [input], output,
        [
            OnnxAttribute.Int("ceil_mode", ceilMode ? 1 : 0),
            OnnxAttribute.IntList("dilations", dilations),
            OnnxAttribute.IntList("kernel_shape", kernelShape),
            OnnxAttribute.IntList("pads", pads),
            OnnxAttribute.IntList("strides", strides),
        ]);
    }

    /// <summary>Maximum over all spatial positions, <c>GlobalMaxPool</c>: [N, C, H, W] to [N, C, 1, 1].</summary>
    /// <param name="input">The input.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string GlobalMaxPool(string input, string? output = null) => AddNode("GlobalMaxPool", [input], output, []);

    /// <summary>Mean over all spatial positions, <c>GlobalAveragePool</c>: [N, C, H, W] to [N, C, 1, 1].</summary>
    /// <param name="input">The input.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string GlobalAveragePool(string input, string? output = null) => AddNode("GlobalAveragePool", [input], output, []);

    /// <summary>Maximum along the given axes, <c>ReduceMax</c> (axes are an input tensor since opset 18).</summary>
    /// <param name="input">The input.</param>
    /// <param name="axes">The axes to reduce (negative counts from the end).</param>
    /// <param name="keepDims">Keep reduced axes with size 1.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string ReduceMax(string input, IReadOnlyList<long> axes, bool keepDims, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Count == 0)
            throw new ArgumentException("ReduceMax needs at least one axis (an empty list would mean 'all axes' or 'none' depending on noop_with_empty_axes).", nameof(axes));
        string axesValue = AddInt64Initializer(axes.ToArray(), [axes.Count]);
        return AddNode("ReduceMax", [input, axesValue], output, [OnnxAttribute.Int("keepdims", keepDims ? 1 : 0)]);
    }

    /// <summary>Mean along the given axes, <c>ReduceMean</c> (axes are an input tensor since opset 18).</summary>
    /// <param name="input">The input.</param>
    /// <param name="axes">The axes to reduce (negative counts from the end).</param>
    /// <param name="keepDims">Keep reduced axes with size 1.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string ReduceMean(string input, IReadOnlyList<long> axes, bool keepDims, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Count == 0)
            throw new ArgumentException("ReduceMean needs at least one axis (an empty list would mean 'all axes' or 'none' depending on noop_with_empty_axes).", nameof(axes));
        string axesValue = AddInt64Initializer(axes.ToArray(), [axes.Count]);
        return AddNode("ReduceMean", [input, axesValue], output, [OnnxAttribute.Int("keepdims", keepDims ? 1 : 0)]);
    }

    /// <summary>Joins inputs along an axis, <c>Concat</c>.</summary>
    /// <param name="inputs">The inputs, equal in shape except along <paramref name="axis"/>.</param>
    /// <param name="axis">The axis to join along.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Concat(IReadOnlyList<string> inputs, long axis, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            throw new ArgumentException("Concat needs at least one input.", nameof(inputs));
        return AddNode("Concat", inputs.ToArray(), output, [OnnxAttribute.Int("axis", axis)]);
    }

    /// <summary>Reverses the order of elements along one axis (a mirror image for a spatial axis), as a <c>Slice</c> with step -1.</summary>
    /// <param name="input">The input.</param>
    /// <param name="axis">The axis to reverse (negative counts from the end).</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Reverse(string input, long axis, string? output = null)
    {
        // Slice clamps the start to size-1 and, with a negative step, an end of int64 min to "before element 0".
        string starts = AddInt64Initializer([-1], [1]);
        string ends = AddInt64Initializer([long.MinValue], [1]);
        string axes = AddInt64Initializer([axis], [1]);
        string steps = AddInt64Initializer([-1], [1]);
        return AddNode("Slice", [input, starts, ends, axes, steps], output, []);
    }

    /// <summary>Element-wise sum with broadcasting, <c>Add</c>.</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Add(string a, string b, string? output = null) => AddNode("Add", [a, b], output, []);

    /// <summary>Element-wise difference with broadcasting, <c>Sub</c>: a - b.</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Sub(string a, string b, string? output = null) => AddNode("Sub", [a, b], output, []);

    /// <summary>Element-wise product with broadcasting, <c>Mul</c>.</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Mul(string a, string b, string? output = null) => AddNode("Mul", [a, b], output, []);

    /// <summary>Element-wise quotient with broadcasting, <c>Div</c>: a / b.</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Div(string a, string b, string? output = null) => AddNode("Div", [a, b], output, []);

    /// <summary>Matrix product with NumPy semantics, <c>MatMul</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string MatMul(string a, string b, string? output = null) => AddNode("MatMul", [a, b], output, []);

    /// <summary>General matrix product, <c>Gemm</c>: alpha * A' * B' + beta * C, with A' and B' optionally transposed.</summary>
    /// <param name="a">The 2-D left operand, [M, K] (or [K, M] when <paramref name="transA"/>).</param>
    /// <param name="b">The 2-D right operand, [K, N] (or [N, K] when <paramref name="transB"/>: PyTorch <c>Linear</c> weights as they are).</param>
    /// <param name="c">The bias broadcast to [M, N], or <see langword="null"/>.</param>
    /// <param name="transA">Transpose <paramref name="a"/>.</param>
    /// <param name="transB">Transpose <paramref name="b"/>.</param>
    /// <param name="alpha">Multiplier of the product.</param>
    /// <param name="beta">Multiplier of <paramref name="c"/>.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Gemm(string a, string b, string? c = null, bool transA = false, bool transB = false, float alpha = 1f, float beta = 1f, string? output = null)
    {
        string[] inputs = c is null ? [a, b] : [a, b, c];
        return AddNode("Gemm", inputs, output,
        [
            OnnxAttribute.Float("alpha", alpha),
            OnnxAttribute.Float("beta", beta),
            OnnxAttribute.Int("transA", transA ? 1 : 0),
            OnnxAttribute.Int("transB", transB ? 1 : 0),
        ]);
    }

    /// <summary>Changes the shape, <c>Reshape</c>.</summary>
    /// <param name="input">The input.</param>
    /// <param name="shape">The new shape: -1 once for an inferred size, 0 to copy the input's size on that axis.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Reshape(string input, IReadOnlyList<long> shape, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Count(d => d == -1) > 1)
            throw new ArgumentException($"Reshape allows at most one -1 (inferred) dimension, got [{string.Join(", ", shape)}].", nameof(shape));
        if (shape.Any(d => d < -1))
            throw new ArgumentException($"Reshape dimensions must be -1, 0 or positive, got [{string.Join(", ", shape)}].", nameof(shape));
        string shapeValue = AddInt64Initializer(shape.ToArray(), [shape.Count]);
        return AddNode("Reshape", [input, shapeValue], output, []);
    }

    /// <summary>Flattens to 2-D, <c>Flatten</c>: [d0..d(axis-1)] become rows, the rest columns.</summary>
    /// <param name="input">The input.</param>
    /// <param name="axis">The first axis of the column part; 1 keeps the batch axis (PyTorch's default <c>Flatten()</c>).</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Flatten(string input, long axis = 1, string? output = null)
        => AddNode("Flatten", [input], output, [OnnxAttribute.Int("axis", axis)]);

    /// <summary>Softmax along one axis, <c>Softmax</c>.</summary>
    /// <param name="input">The input.</param>
    /// <param name="axis">The axis; 1 for [N, classes] scores.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Softmax(string input, long axis = 1, string? output = null)
        => AddNode("Softmax", [input], output, [OnnxAttribute.Int("axis", axis)]);

    /// <summary>Log of softmax along one axis, <c>LogSoftmax</c>.</summary>
    /// <param name="input">The input.</param>
    /// <param name="axis">The axis; 1 for [N, classes] scores.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string LogSoftmax(string input, long axis = 1, string? output = null)
        => AddNode("LogSoftmax", [input], output, [OnnxAttribute.Int("axis", axis)]);

    /// <summary>Index of the maximum along one axis, <c>ArgMax</c>, as 64-bit integers (first index on ties).</summary>
    /// <param name="input">The input.</param>
    /// <param name="axis">The axis; 1 for [N, classes] scores.</param>
    /// <param name="keepDims">Keep the reduced axis with size 1.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string ArgMax(string input, long axis = 1, bool keepDims = false, string? output = null)
        => AddNode("ArgMax", [input], output,
        [
            OnnxAttribute.Int("axis", axis),
            OnnxAttribute.Int("keepdims", keepDims ? 1 : 0),
            OnnxAttribute.Int("select_last_index", 0),
        ]);

    /// <summary>Copies a value under a new name, <c>Identity</c>.</summary>
    /// <param name="input">The input.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Identity(string input, string? output = null) => AddNode("Identity", [input], output, []);

    /// <summary>Converts the element type, <c>Cast</c>.</summary>
    /// <param name="input">The input.</param>
    /// <param name="to">The target element type.</param>
    /// <param name="output">The produced value's name; generated when <see langword="null"/>.</param>
    /// <returns>The produced value's name.</returns>
    public string Cast(string input, OnnxDataType to, string? output = null)
        => AddNode("Cast", [input], output, [OnnxAttribute.Int("to", (long)to)]);

    /// <summary>
    /// Declares slot names for the graph output <paramref name="outputName"/> the way ML.NET's ONNX exporter does and
    /// ML.NET's <c>ApplyOnnxModel</c> reads them back: an <c>ai.onnx.ml</c> <c>LabelEncoder</c> node named
    /// <c>mlnet.{outputName}.SlotNames</c> whose <c>keys_strings</c> are the names. ML.NET hides the node's
    /// <c>mlnet.{outputName}.unusedOutput</c> graph output and attaches the names as the column's <c>SlotNames</c>
    /// annotation (which, on <c>Score</c>, labels the confusion matrix of <c>MulticlassClassification.Evaluate</c>).
    /// </summary>
    /// <param name="outputName">The ML.NET column name of the output (a trailing <c>.output</c> is dropped by ML.NET).</param>
    /// <param name="slotNames">One name per slot; no duplicates.</param>
    public void AddSlotNames(string outputName, IReadOnlyList<string> slotNames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        ArgumentNullException.ThrowIfNull(slotNames);
        if (slotNames.Count == 0)
            throw new ArgumentException("At least one slot name is needed.", nameof(slotNames));
        if (slotNames.Any(string.IsNullOrEmpty))
            throw new ArgumentException("Slot names must not be null or empty.", nameof(slotNames));
        if (slotNames.Distinct(StringComparer.Ordinal).Count() != slotNames.Count)
            throw new ArgumentException($"Slot names must be distinct: {string.Join(", ", slotNames)}.", nameof(slotNames));

        string nodeName = $"mlnet.{outputName}.SlotNames";
        string one = AddStringInitializer(["one"], [1, 1], $"mlnet.{outputName}.SlotNames.input");
        string unused = $"mlnet.{outputName}.unusedOutput";
        _usesMLDomain = true;
        AddNodeCore("LabelEncoder", MLDomain, nodeName, [one], [unused],
        [
            OnnxAttribute.StringList("keys_strings", slotNames),
            OnnxAttribute.IntList("values_int64s", Enumerable.Range(0, slotNames.Count).Select(i => (long)i)),
        ]);
        AddOutput(unused, OnnxDataType.Int64, 1, 1);
    }

    /// <summary>Serializes the model (<c>ModelProto</c>) to bytes.</summary>
    /// <returns>The ONNX model, ready for ONNX Runtime or ML.NET's <c>ApplyOnnxModel</c>.</returns>
    /// <exception cref="InvalidOperationException">The graph has no input or no output.</exception>
    public byte[] ToBytes()
    {
        if (_inputs.Count == 0)
            throw new InvalidOperationException($"ONNX graph '{GraphName}' has no input; call AddInput first.");
        if (_outputs.Count == 0)
            throw new InvalidOperationException($"ONNX graph '{GraphName}' has no output; call AddOutput for the values to expose.");

        var opsets = new List<(string, long)> { ("", OpsetVersion) };
        if (_usesMLDomain)
            opsets.Add((MLDomain, MLOpsetVersion));
        var parts = new OnnxModelParts(
            IrVersion, opsets, ProducerName, ProducerVersionText, Domain: "", ModelVersion, DocString, _metadata.ToArray(),
            GraphName, _nodes.ToArray(), _initializers.ToArray(), _inputs.ToArray(), _outputs.ToArray());
        return OnnxModelSerializer.Serialize(parts);
    }

    private static string ProducerVersionText { get; } =
        typeof(OnnxGraphBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString()
        ?? "0";

    private string AddNode(string opType, string[] inputs, string? output, IReadOnlyList<OnnxAttribute> attributes)
    {
        string outputName = output ?? NewName(opType.ToLowerInvariant());
        AddNodeCore(opType, "", NewNodeName(opType), inputs, [outputName], attributes);
        return outputName;
    }

    private void AddNodeCore(string opType, string domain, string nodeName, string[] inputs, string[] outputs, IReadOnlyList<OnnxAttribute> attributes)
    {
        for (int i = 0; i < inputs.Length; i++)
            RequireDefined(inputs[i], $"{opType} input {i}");
        if (!_nodeNames.Add(nodeName))
            throw new ArgumentException($"A node named '{nodeName}' already exists in ONNX graph '{GraphName}'.");
        foreach (string output in outputs)
            Define(output, shape: null);
        _nodes.Add(new OnnxNode(opType, nodeName, domain, inputs, outputs, attributes));
    }

    private void Define(string name, IReadOnlyList<long>? shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_values.TryAdd(name, shape))
            throw new ArgumentException($"ONNX value '{name}' is already defined in graph '{GraphName}'; value names must be unique.", nameof(name));
    }

    private void RequireDefined(string name, string role)
    {
        if (string.IsNullOrEmpty(name) || !_values.ContainsKey(name))
            throw new ArgumentException(
                $"{role}: ONNX value '{name}' is not defined in graph '{GraphName}'. Define it first as an input, an initializer or the output of an earlier node.");
    }

    private string NewName(string prefix)
    {
        string name;
        do
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{_nextId++}");
        }
        while (_values.ContainsKey(name));
        return name;
    }

    private string NewNodeName(string opType)
    {
        string name;
        int id = _nodes.Count;
        do
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{opType}_{id++}");
        }
        while (_nodeNames.Contains(name));
        return name;
    }
}
