namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>The class names of CIFAR-10.</summary>
public static class CifarClassNames
{
    /// <summary>
    /// The ten CIFAR-10 class names in label order (label byte 0 is <c>airplane</c>, 9 is <c>truck</c>),
    /// as listed by the official <c>batches.meta.txt</c>. Ordinal sorting keeps this order, so image folders named
    /// after the classes get the same label order.
    /// </summary>
    public static IReadOnlyList<string> Cifar10 { get; } = Array.AsReadOnly(
    [
        "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
    ]);
}
