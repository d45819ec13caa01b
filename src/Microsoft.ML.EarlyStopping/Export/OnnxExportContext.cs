using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>
/// What an <see cref="IOnnxExportable"/> module gets while it is exported: the graph builder, and a way to export a
/// child module that is applied to the module's own input (e.g. the branch of a residual block).
/// </summary>
public sealed class OnnxExportContext
{
    private readonly TorchModuleOnnxTranslator _translator;
    private readonly string _path;
    private readonly Tensor _inputProbe;

    internal OnnxExportContext(TorchModuleOnnxTranslator translator, OnnxGraphBuilder builder, string path, Tensor inputProbe)
    {
        _translator = translator;
        Builder = builder;
        _path = path;
        _inputProbe = inputProbe;
    }

    /// <summary>The graph being built; add initializers and nodes to it.</summary>
    public OnnxGraphBuilder Builder { get; }

    /// <summary>
    /// Exports <paramref name="child"/> (any module the exporter supports, or another <see cref="IOnnxExportable"/>)
    /// applied to <paramref name="input"/>, which must have the shape of this module's input.
    /// </summary>
    /// <param name="child">The child module.</param>
    /// <param name="name">The child's name, used in error messages.</param>
    /// <param name="input">The value the child reads.</param>
    /// <returns>The name of the value holding the child's output.</returns>
    public string ExportChild(nn.Module<Tensor, Tensor> child, string name, string input) => ExportChild(child, name, input, out _);

    /// <summary>
    /// Exports <paramref name="child"/> like <see cref="ExportChild(nn.Module{Tensor, Tensor}, string, string)"/> and
    /// also returns the shape of the child's output for a batch of one, for modules that reshape what the child produced.
    /// </summary>
    /// <param name="child">The child module.</param>
    /// <param name="name">The child's name, used in error messages.</param>
    /// <param name="input">The value the child reads.</param>
    /// <param name="outputShape">The child's output shape for a batch of one (the first entry is 1).</param>
    /// <returns>The name of the value holding the child's output.</returns>
    public string ExportChild(nn.Module<Tensor, Tensor> child, string name, string input, out IReadOnlyList<long> outputShape)
    {
        ArgumentNullException.ThrowIfNull(child);
        string path = _path.Length == 0 ? name : $"{_path}.{name}";
        (string output, Tensor probe) = _translator.Translate(child, path, input, _inputProbe);
        outputShape = probe.shape;
        return output;
    }
}
