using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>Creates the TorchSharp optimiser for an <see cref="OptimizerKind"/>, and sets its learning rate per step.</summary>
internal static class OptimizerFactory
{
    public static optim.Optimizer Create(OptimizerKind kind, IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate, double momentum, double weightDecay) => kind switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, learningRate, weight_decay: weightDecay),
        OptimizerKind.AdamW => optim.AdamW(parameters, learningRate, weight_decay: weightDecay),
        OptimizerKind.SgdNesterov => optim.SGD(parameters, learningRate, momentum: momentum, weight_decay: weightDecay, nesterov: true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown optimizer."),
    };

    public static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups)
            group.LearningRate = learningRate;
    }
}
