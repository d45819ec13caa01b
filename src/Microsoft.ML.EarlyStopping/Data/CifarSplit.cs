namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Which part of the official CIFAR-10 binary distribution to read.</summary>
public enum CifarSplit
{
    /// <summary>The training batches <c>data_batch_1.bin</c> to <c>data_batch_5.bin</c> (those present, without gaps).</summary>
    Train,

    /// <summary>The test batch <c>test_batch.bin</c>.</summary>
    Test,
}
