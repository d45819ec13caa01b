namespace Microsoft.ML.EarlyStopping.Training.Networks;

/// <summary>Per-channel mean and standard deviation of pixels scaled to 0..1, in R, G, B order.</summary>
internal sealed record InputNormalization(double[] Mean, double[] Std)
{
    /// <summary>The original notebook's <c>Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5))</c>.</summary>
    public static InputNormalization Half { get; } = new(new[] { 0.5, 0.5, 0.5 }, new[] { 0.5, 0.5, 0.5 });

    /// <summary>The CIFAR-10 training set's channel statistics.</summary>
    public static InputNormalization Cifar10 { get; } = new(new[] { 0.4914, 0.4822, 0.4465 }, new[] { 0.2470, 0.2435, 0.2616 });
}
