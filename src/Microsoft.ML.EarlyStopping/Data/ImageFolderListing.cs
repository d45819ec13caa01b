namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>What <see cref="ImageFolderScanner"/> found: the images by class, and the corrupt files it left out.</summary>
internal sealed class ImageFolderListing(IReadOnlyList<string> classNames, IReadOnlyList<ImageFile> files, IReadOnlyList<string> skippedFiles)
{
    /// <summary>Class folder names, ordinal-sorted: the label order.</summary>
    public IReadOnlyList<string> ClassNames { get; } = classNames;

    /// <summary>The images, class by class in label order, ordinal-sorted by file name within a class.</summary>
    public IReadOnlyList<ImageFile> Files { get; } = files;

    public IReadOnlyList<string> SkippedFiles { get; } = skippedFiles;
}
