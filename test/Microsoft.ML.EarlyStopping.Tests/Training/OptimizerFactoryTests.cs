using Microsoft.ML.EarlyStopping.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

[TestClass]
public sealed class OptimizerFactoryTests
{
    private static Sequential ConvNormNet()
    {
        var conv = nn.Conv2d(3, 4, 3, bias: false);
        var norm = nn.BatchNorm2d(4);
        norm.weight!.requires_grad = false;
        return nn.Sequential(("conv", conv), ("norm", norm), ("flatten", nn.Flatten()), ("head", nn.Linear(4, 2)));
    }

    [TestMethod]
    [DataRow(OptimizerKind.SgdNesterov)]
    [DataRow(OptimizerKind.Adam)]
    [DataRow(OptimizerKind.AdamW)]
    public void NormShiftsGetTheScaledRateAndDividedDecayAndFrozenParametersAreLeftOut(OptimizerKind kind)
    {
        using Sequential network = ConvNormNet();
        using optim.Optimizer optimizer = OptimizerFactory.Create(kind, network, learningRate: 0.5, momentum: 0.85, weightDecay: 0.064, normBiasRateScale: 64);

        var groups = optimizer.ParamGroups.Cast<ParamGroup>().ToList();
        Assert.HasCount(2, groups);
        Assert.AreEqual(0.5, groups[0].LearningRate, 1e-12);
        Assert.AreEqual(32.0, groups[1].LearningRate, 1e-12);
        var norm = (BatchNorm2d)network.named_children().First(c => c.name == "norm").module;
        CollectionAssert.AreEqual(new[] { norm.bias! }, groups[1].Parameters.ToArray(), "the second group holds the batch-norm shift only");
        Assert.IsFalse(groups[0].Parameters.Any(p => ReferenceEquals(p, norm.weight)), "the frozen scale is not optimised");
        Assert.HasCount(3, groups[0].Parameters.ToList(), "conv weight, head weight and head bias");

        OptimizerFactory.SetLearningRate(optimizer, 0.25, baseRate: 0.5);
        Assert.AreEqual(0.25, groups[0].LearningRate, 1e-12);
        Assert.AreEqual(16.0, groups[1].LearningRate, 1e-12, "the schedule moves both groups and keeps their ratio");
    }

    [TestMethod]
    public void SgdDecaysBothGroupsByTheSameFractionPerStep()
    {
        // With zero gradients only weight decay moves a parameter: p ← p − lr·wd·p, so the group with 64× the rate and
        // 1/64 the decay must shrink by the same fraction.
        using Sequential network = ConvNormNet();
        using var noGrad = no_grad();
        foreach (Parameter p in network.parameters())
            p.fill_(1f);
        using optim.Optimizer optimizer = OptimizerFactory.Create(OptimizerKind.SgdNesterov, network, 0.5, momentum: 0, weightDecay: 0.064, normBiasRateScale: 64);
        foreach (Parameter p in network.parameters().Where(p => p.requires_grad))
            p.grad = zeros_like(p);
        optimizer.step();

        var norm = (BatchNorm2d)network.named_children().First(c => c.name == "norm").module;
        var head = (Linear)network.named_children().First(c => c.name == "head").module;
        float expected = 1f - 0.5f * 0.064f;
        Assert.AreEqual(expected, head.weight!.data<float>()[0], 1e-6f);
        Assert.AreEqual(expected, norm.bias!.data<float>()[0], 1e-6f);
        Assert.AreEqual(1f, norm.weight!.data<float>()[0], "the frozen scale does not decay");
    }

    [TestMethod]
    public void WithoutAScaleThereIsOneGroupOfTrainableParameters()
    {
        using Sequential network = ConvNormNet();
        using optim.Optimizer optimizer = OptimizerFactory.Create(OptimizerKind.SgdNesterov, network, 0.1, 0.9, 5e-4);
        var groups = optimizer.ParamGroups.Cast<ParamGroup>().ToList();
        Assert.HasCount(1, groups);
        Assert.HasCount(4, groups[0].Parameters.ToList(), "everything but the frozen batch-norm scale");
    }
}
