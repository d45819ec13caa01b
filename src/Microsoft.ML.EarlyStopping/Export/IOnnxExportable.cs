namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>
/// Implemented by a custom TorchSharp module so that <see cref="TorchSharpOnnxExporter"/> can export it:
/// the module writes the ONNX nodes that compute its inference-mode (<c>eval()</c>) forward pass.
/// </summary>
/// <remarks>
/// The exporter handles <c>Sequential</c> and the standard layers itself (see <see cref="TorchSharpOnnxExporter"/>);
/// implement this only for modules of your own, for example a fixed output scale:
/// <code>
/// public string ExportToOnnx(OnnxExportContext context, string input)
///     => context.Builder.Mul(input, context.Builder.AddFloatInitializer([_scale], []));
/// </code>
/// </remarks>
public interface IOnnxExportable
{
    /// <summary>Adds the nodes computing this module's forward pass on <paramref name="input"/>.</summary>
    /// <param name="context">The graph being built (<see cref="OnnxExportContext.Builder"/>) and a way to export child modules.</param>
    /// <param name="input">The name of the value holding this module's input tensor.</param>
    /// <returns>The name of the value holding this module's output tensor.</returns>
    string ExportToOnnx(OnnxExportContext context, string input);
}
