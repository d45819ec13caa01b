using Microsoft.ML.EarlyStopping.Export;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training.Networks;

/// <summary><c>x + branch(x)</c>: a residual connection around a branch that keeps the shape of its input.</summary>
internal sealed class Residual : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly nn.Module<Tensor, Tensor> _branch;

    public Residual(nn.Module<Tensor, Tensor> branch) : base(nameof(Residual))
    {
        _branch = branch;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => input.add(_branch.forward(input));

    public string ExportToOnnx(OnnxExportContext context, string input) =>
        context.Builder.Add(input, context.ExportChild(_branch, "branch", input));
}
