namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>What kind of CIFAR data <see cref="CifarData.LoadImageArchive"/> found in an archive.</summary>
public enum CifarArchiveFormat
{
    /// <summary>Image files in class folders: <c>&lt;class&gt;/&lt;image&gt;</c> or <c>&lt;split&gt;/&lt;class&gt;/&lt;image&gt;</c>.</summary>
    ImageFolders,

    /// <summary>The official binary distribution: a <c>cifar-10-batches-bin</c> folder with .bin batches.</summary>
    Binary,
}
