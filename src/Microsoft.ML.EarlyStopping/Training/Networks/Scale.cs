using Microsoft.ML.EarlyStopping.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training.Networks;

/// <summary>Multiplies by a fixed constant (not a parameter).</summary>
internal sealed class Scale : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly float _factor;

    public Scale(float factor) : base(nameof(Scale))
    {
        _factor = factor;
    }

    public override Tensor forward(Tensor input) => input.mul(_factor);

    public string ExportToOnnx(OnnxExportContext context, string input) =>
        context.Builder.Mul(input, context.Builder.AddFloatInitializer(new[] { _factor }, ReadOnlySpan<long>.Empty));
}
