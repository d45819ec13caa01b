namespace CifarDemo.Data;

/// <summary>The layouts a --data folder can have.</summary>
internal enum DataFolderKind
{
    /// <summary>The official binary files (data_batch_N.bin, test_batch.bin), or a parent holding cifar-10-batches-bin/.</summary>
    Binary,

    /// <summary>An image root with train/ and optionally val/ (or validation/) and test/, each holding one folder per class.</summary>
    ImageSplits,

    /// <summary>A folder holding one folder per class: training data only.</summary>
    ImageClasses,
}
