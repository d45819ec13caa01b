using System.Globalization;

namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>
/// One dimension of a graph input or output shape: either a fixed size or a named symbolic size
/// (such as the batch dimension <c>N</c>, which ONNX Runtime resolves per call).
/// </summary>
public readonly record struct OnnxDimension
{
    private OnnxDimension(long? size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or <see langword="null"/> when the dimension is symbolic.</summary>
    public long? Size { get; }

    /// <summary>The symbolic name (for example <c>N</c>), or <see langword="null"/> when the dimension is fixed.</summary>
    public string? Symbol { get; }

    /// <summary>A dimension of fixed size.</summary>
    /// <param name="size">The size; must not be negative.</param>
    public static OnnxDimension Fixed(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return new OnnxDimension(size, null);
    }

    /// <summary>A symbolic dimension: its size is only known when the model runs.</summary>
    /// <param name="symbol">The name; dimensions with the same name must have the same size at run time.</param>
    public static OnnxDimension Symbolic(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new OnnxDimension(null, symbol);
    }

    /// <summary>Converts a size to a fixed dimension (same as <see cref="Fixed(long)"/>).</summary>
    /// <param name="size">The size; must not be negative.</param>
    public static implicit operator OnnxDimension(long size) => Fixed(size);

    /// <summary>The size as text, or the symbol.</summary>
    public override string ToString() => Symbol ?? (Size ?? 0).ToString(CultureInfo.InvariantCulture);
}
