using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Tests.Engine;

/// <summary>Proves that the build made TorchSharp's native library loadable on this machine.</summary>
[TestClass]
public sealed class TorchSharpNativeTests
{
    [TestMethod]
    public void ConvolutionForwardPassRunsOnCpu()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(7);
        using var conv = nn.Conv2d(3, 4, kernel_size: 3, padding: 1);
        Tensor input = ones(2, 3, 8, 8);

        Tensor output = conv.forward(input);

        CollectionAssert.AreEqual(new long[] { 2, 4, 8, 8 }, output.shape);
        Assert.IsTrue(output.abs().sum().item<float>() > 0f, "a conv over ones with random weights should not be all zeros");
    }

    [TestMethod]
    public void OutputHasNoUnpatchedFallbackFolder()
    {
        // TorchSharp copies unpatched natives into a cpu/ folder beside the assemblies when its first load fails.
        torch.zeros(1).Dispose();
        string fallback = Path.Combine(AppContext.BaseDirectory, "cpu");
        Assert.IsFalse(Directory.Exists(fallback), $"'{fallback}' exists: TorchSharp's native load failed once, so the build's ELF fix did not run.");
    }
}
