namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Options for <see cref="CifarData.LoadImageFolder"/> and <see cref="CifarData.ScanImageFolder"/>.</summary>
public sealed class ImageFolderOptions
{
    /// <summary>
    /// Whether every image is decoded once at load time, so a corrupt or unreadable file fails the load with its
    /// path instead of failing later, unnamed, inside ML.NET's image loader. Default <see langword="true"/>.
    /// </summary>
    public bool ValidateImages { get; set; } = true;

    /// <summary>
    /// Whether an image that fails validation is left out (and listed in <see cref="CifarDataSet.SkippedFiles"/>)
    /// instead of failing the load. Only applies when <see cref="ValidateImages"/> is on. Default <see langword="false"/>.
    /// </summary>
    public bool SkipCorruptImages { get; set; }
}
