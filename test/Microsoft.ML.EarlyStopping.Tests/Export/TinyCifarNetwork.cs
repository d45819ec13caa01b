using Microsoft.ML.EarlyStopping.Export;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Tests.Export;

/// <summary>
/// A tiny CIFAR-shaped CNN (Conv, BatchNorm, ReLU, MaxPool, Linear) with random weights and non-trivial batch-norm
/// statistics, plus random 0-255 rows, and TorchSharp's own eval-mode probabilities for them as the reference.
/// </summary>
internal sealed class TinyCifarNetwork : IDisposable
{
    public static readonly string[] ClassNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];
    public static readonly float[] Means = [0.4914f, 0.4822f, 0.4465f];
    public static readonly float[] Stds = [0.2470f, 0.2435f, 0.2616f];

    public TinyCifarNetwork(int seed)
    {
        manual_seed(seed);
        Network = nn.Sequential(
            ("conv", nn.Conv2d(3, 8, 3, padding: 1)),
            ("bn", nn.BatchNorm2d(8)),
            ("relu", nn.ReLU()),
            ("pool", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten()),
            ("fc", nn.Linear(8 * 16 * 16, 10)));
        var bn = (BatchNorm2d)Network[1];
        using (no_grad())
        {
            bn.running_mean!.copy_(randn(8) * 0.5);
            bn.running_var!.copy_(rand(8) + 0.5);
            bn.weight.copy_(randn(8));
            bn.bias!.copy_(randn(8) * 0.1);
        }
        Network.eval();
    }

    public Sequential Network { get; }

    public OnnxClassifierExportOptions ExportOptions => new()
    {
        ClassNames = ClassNames,
        PixelScale = 1f / 255f,
        ChannelMeans = Means,
        ChannelStandardDeviations = Stds,
    };

    public static float[][] RandomRows(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, 3072).Select(_ => (float)random.Next(256)).ToArray())
            .ToArray();
    }

    /// <summary>TorchSharp's softmax probabilities for <paramref name="rows"/>, with the same input normalisation as the export.</summary>
    public float[][] ReferenceProbabilities(float[][] rows)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor x = tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, 3, 32, 32]);
        Tensor mean = tensor(Means, [1, 3, 1, 1]);
        Tensor std = tensor(Stds, [1, 3, 1, 1]);
        Tensor probabilities = nn.functional.softmax(Network.forward((x / 255f - mean) / std), 1);
        float[] flat = probabilities.data<float>().ToArray();
        return Enumerable.Range(0, rows.Length).Select(i => flat.AsSpan(i * 10, 10).ToArray()).ToArray();
    }

    public static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());

    public void Dispose() => Network.Dispose();
}
