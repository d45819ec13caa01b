namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Options for <see cref="CifarData.LoadImageArchive"/>.</summary>
public sealed class ImageArchiveOptions
{
    private int? _maxImagesPerClass;
    private int _maxDegreeOfParallelism = -1;

    /// <summary>
    /// Whether an image entry that cannot be decoded is left out (and listed by its entry name in
    /// <see cref="CifarDataSet.SkippedFiles"/>) instead of failing the load. Default <see langword="false"/>.
    /// A class folder whose images are all corrupt still fails the load.
    /// </summary>
    public bool SkipCorruptImages { get; set; }

    /// <summary>
    /// When set, at most this many images are read from each class folder of each split: the first ones in archive
    /// order (for a binary archive: the first records of each label in file order). The whole archive is still
    /// scanned, so every split and class is found and checked; only the decoding is saved. Use it for quick runs.
    /// Default <see langword="null"/>: every image.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int? MaxImagesPerClass
    {
        get => _maxImagesPerClass;
        set
        {
            if (value is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(MaxImagesPerClass)} must be positive, or null for every image.");
            }

            _maxImagesPerClass = value;
        }
    }

    /// <summary>
    /// How many threads decode images while the archive is read; -1 (the default) uses one per processor.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or below -1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        set
        {
            if (value is 0 or < -1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{nameof(MaxDegreeOfParallelism)} must be positive, or -1 for one thread per processor.");
            }

            _maxDegreeOfParallelism = value;
        }
    }
}
