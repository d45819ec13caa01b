using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>Creates the TorchSharp optimiser for an <see cref="OptimizerKind"/>, and sets its learning rate per step.</summary>
/// <remarks>
/// Batch-norm shifts can train at <c>normBiasRateScale</c> times the base rate (airbench's bias scaler): they are put
/// in a second parameter group whose weight decay is divided by the same factor, so both groups decay by the same
/// fraction per step. Parameters that do not require gradients (frozen whitening filters, fixed batch-norm scales)
/// are left out. Nesterov momentum needs a non-zero momentum, so <c>Momentum = 0</c> gives plain SGD.
/// </remarks>
internal static class OptimizerFactory
{
    public static optim.Optimizer Create(OptimizerKind kind, nn.Module network, double learningRate, double momentum, double weightDecay, double normBiasRateScale = 1)
    {
        var normBiases = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        if (normBiasRateScale != 1)
        {
            foreach ((_, nn.Module module) in network.named_modules())
            {
                if (module is BatchNorm norm && norm.bias is Parameter bias && bias.requires_grad)
                    normBiases.Add(bias);
            }
        }
        List<Parameter> others = network.parameters().Where(p => p.requires_grad && !normBiases.Contains(p)).ToList();
        if (normBiases.Count == 0)
            return Create(kind, others, learningRate, momentum, weightDecay);

        double biasRate = learningRate * normBiasRateScale, biasDecay = weightDecay / normBiasRateScale;
        return kind switch
        {
            OptimizerKind.Adam => optim.Adam(new[]
            {
                new Adam.ParamGroup(others, learningRate, weight_decay: weightDecay),
                new Adam.ParamGroup(normBiases, biasRate, weight_decay: biasDecay),
            }, learningRate),
            OptimizerKind.AdamW => optim.AdamW(new[]
            {
                new AdamW.ParamGroup(others, learningRate, weight_decay: weightDecay),
                new AdamW.ParamGroup(normBiases, biasRate, weight_decay: biasDecay),
            }, learningRate),
            OptimizerKind.SgdNesterov => optim.SGD(new[]
            {
                new SGD.ParamGroup(others, learningRate, momentum, 0, weightDecay, nesterov: momentum > 0, maximize: false),
                new SGD.ParamGroup(normBiases, biasRate, momentum, 0, biasDecay, nesterov: momentum > 0, maximize: false),
            }, learningRate, momentum: momentum, nesterov: momentum > 0),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
        };
    }

    private static optim.Optimizer Create(OptimizerKind kind, IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay) => kind switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, learningRate, weight_decay: weightDecay),
        OptimizerKind.AdamW => optim.AdamW(parameters, learningRate, weight_decay: weightDecay),
        OptimizerKind.SgdNesterov => optim.SGD(parameters, learningRate, momentum: momentum, weight_decay: weightDecay, nesterov: momentum > 0),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
    };

    /// <summary>Sets every group's rate to <paramref name="learningRate"/> times that group's scale (its initial rate over <paramref name="baseRate"/>).</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double learningRate, double baseRate)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = learningRate * (group.InitialLearningRate / baseRate);
    }
}
