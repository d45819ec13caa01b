using Microsoft.ML.Transforms.Image;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Loads CIFAR-10 into an <see cref="IDataView"/> in one call, from the official binary files, from image folders, or
/// from a <c>.tar.gz</c> archive of either. All give the same columns: <see cref="CifarColumnNames.Label"/> (text: the class name) and
/// <see cref="CifarColumnNames.Features"/> (vector of <see cref="float"/> [3, 32, 32], planar red, green, blue,
/// values 0 to 255), so any of them feeds the same pipeline.
/// </summary>
public static class CifarData
{
    /// <summary>The intermediate image column of <see cref="CreateImageFeaturizer"/>; dropped at its end.</summary>
    private const string ImageColumn = "CifarImage";

    /// <summary>
    /// Loads a split of the official CIFAR-10 binary distribution (<c>cifar-10-batches-bin</c>).
    /// Class names come from <c>batches.meta.txt</c> in that folder, or are <see cref="CifarClassNames.Cifar10"/>
    /// when it has none. Every file is read and checked before this returns.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="directory">The folder holding the .bin files, or its parent holding <c>cifar-10-batches-bin/</c>.</param>
    /// <param name="split"><see cref="CifarSplit.Train"/>: <c>data_batch_1.bin</c> up to the last present batch, with no gap;
    /// <see cref="CifarSplit.Test"/>: <c>test_batch.bin</c>.</param>
    /// <returns>The rows in file order, with the class names in label order.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">A file of the split is missing (named in the message).</exception>
    /// <exception cref="InvalidDataException">A file is not whole CIFAR-10 records, has a label with no class name,
    /// or <c>batches.meta.txt</c> is empty or repeats a name.</exception>
    public static CifarDataSet LoadBinary(MLContext mlContext, string directory, CifarSplit split)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        string folder = CifarBinaryFolder.Resolve(directory);
        IReadOnlyList<string> files = CifarBinaryFolder.SplitFiles(folder, split);
        return ReadBinary(files, Path.Combine(folder, CifarBinaryFolder.MetaFileName), classNamesFileRequired: false);
    }

    /// <summary>
    /// Loads the given CIFAR-10 binary files, in the given order, as one data set. Every file is read and checked
    /// before this returns.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="binFiles">The .bin files (at least one).</param>
    /// <param name="classNamesFile">A <c>batches.meta.txt</c>-style file (one class name a line, in label order).
    /// When <see langword="null"/>: <c>batches.meta.txt</c> beside the first file if present, else
    /// <see cref="CifarClassNames.Cifar10"/>.</param>
    /// <returns>The rows of all files, with the class names in label order.</returns>
    /// <exception cref="FileNotFoundException">A file, or the given <paramref name="classNamesFile"/>, does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is not whole CIFAR-10 records or has a label with no class name.</exception>
    public static CifarDataSet LoadBinary(MLContext mlContext, IEnumerable<string> binFiles, string? classNamesFile = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(binFiles);
        string[] files = binFiles.Select(file => Path.GetFullPath(file)).ToArray();
        if (files.Length == 0)
        {
            throw new ArgumentException("No CIFAR-10 .bin files were given.", nameof(binFiles));
        }

        return classNamesFile is null
            ? ReadBinary(files, Path.Combine(Path.GetDirectoryName(files[0])!, CifarBinaryFolder.MetaFileName), classNamesFileRequired: false)
            : ReadBinary(files, Path.GetFullPath(classNamesFile), classNamesFileRequired: true);
    }

    /// <summary>
    /// Loads an image folder laid out as <c>root/&lt;class name&gt;/&lt;image&gt;</c> through ML.NET's image
    /// transforms (load, resize to 32 x 32, extract pixels), so any size and colour format works.
    /// Label order is the ordinal order of the class folder names.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="root">The folder holding one sub-folder per class.</param>
    /// <param name="options">Validation options; <see langword="null"/> for the defaults.</param>
    /// <returns>Columns <see cref="CifarColumnNames.Label"/>, <see cref="CifarColumnNames.ImagePath"/> and
    /// <see cref="CifarColumnNames.Features"/>; rows class by class, files in ordinal order.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">There are no class folders, a class folder has no images, or an image
    /// cannot be decoded (and <see cref="ImageFolderOptions.SkipCorruptImages"/> is off).</exception>
    public static CifarDataSet LoadImageFolder(MLContext mlContext, string root, ImageFolderOptions? options = null)
    {
        CifarDataSet listing = ScanImageFolder(mlContext, root, options);
        ITransformer featurizer = CreateImageFeaturizer(mlContext).Fit(listing.Data);
        return listing.WithData(featurizer.Transform(listing.Data));
    }

    /// <summary>
    /// Lists and checks an image folder like <see cref="LoadImageFolder"/>, without reading pixels: the data has the
    /// columns <see cref="CifarColumnNames.Label"/> and <see cref="CifarColumnNames.ImagePath"/> (full paths).
    /// Put <see cref="CreateImageFeaturizer"/> at the start of your own pipeline to turn paths into features, so the
    /// trained model can also predict from an image path.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="root">The folder holding one sub-folder per class.</param>
    /// <param name="options">Validation options; <see langword="null"/> for the defaults.</param>
    /// <returns>The listed images with the class names in label order.</returns>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">There are no class folders, a class folder has no images, or an image
    /// cannot be decoded (and <see cref="ImageFolderOptions.SkipCorruptImages"/> is off).</exception>
    public static CifarDataSet ScanImageFolder(MLContext mlContext, string root, ImageFolderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ImageFolderListing listing = ImageFolderScanner.Scan(root, options ?? new ImageFolderOptions());
        IDataView data = mlContext.Data.LoadFromEnumerable(listing.Files);
        return new CifarDataSet(data, listing.ClassNames, listing.Files.Count, listing.SkippedFiles);
    }

    /// <summary>
    /// Loads CIFAR data straight from a gzip-compressed tar archive (<c>.tar.gz</c>, <c>.tgz</c>) without extracting
    /// it: either image folders (<c>&lt;class&gt;/&lt;image&gt;</c>, or <c>&lt;split&gt;/&lt;class&gt;/&lt;image&gt;</c>
    /// such as <c>train/cat/0001.jpg</c>, optionally under one top folder) or the official binary distribution (a
    /// <c>cifar-10-batches-bin</c> folder). Images are decoded in parallel into the same pixels
    /// <see cref="LoadImageFolder"/> gives for the extracted files, and held as bytes like <see cref="LoadBinary(MLContext, string, CifarSplit)"/>.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="archivePath">The <c>.tar.gz</c> file.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults.</param>
    /// <returns>One data set per split found, each with the columns <see cref="CifarColumnNames.Label"/> and
    /// <see cref="CifarColumnNames.Features"/>; rows class by class (image folders) or in file order (binary).</returns>
    /// <exception cref="FileNotFoundException"><paramref name="archivePath"/> does not exist.</exception>
    /// <exception cref="CifarArchiveException">The archive is not gzip, is truncated or corrupt, holds an unsafe entry
    /// (absolute or escaping path, link, device), has no usable layout, splits with different classes, a class folder
    /// without images, a corrupt image (unless <see cref="ImageArchiveOptions.SkipCorruptImages"/>) or bad batches.</exception>
    public static CifarArchiveContents LoadImageArchive(MLContext mlContext, string archivePath, ImageArchiveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrWhiteSpace(archivePath);
        options ??= new ImageArchiveOptions();
        string archive = Path.GetFullPath(archivePath);
        if (!File.Exists(archive))
        {
            string hint = Directory.Exists(archive) ? $" It is a folder: use {nameof(LoadImageFolder)} or {nameof(LoadBinary)} for extracted data." : "";
            throw new FileNotFoundException($"The archive '{archive}' does not exist.{hint}", archive);
        }

        ArchiveListing listing = ImageArchiveReader.Read(archive, options);
        return listing.BinaryFolder is not null && listing.Images.Count == 0
            ? new CifarArchiveContents(archive, CifarArchiveFormat.Binary, BinaryArchiveSplits.Build(listing, options))
            : new CifarArchiveContents(archive, CifarArchiveFormat.ImageFolders, ImageArchiveLayout.Build(listing, options));
    }

    /// <summary>
    /// Creates the estimator that turns an image path column into CIFAR features: ML.NET's LoadImages, ResizeImages
    /// to 32 x 32 (default <see cref="ImageResizingEstimator.ResizingKind.IsoCrop"/>: keep the aspect ratio, crop the
    /// centre) and ExtractPixels (planar red, green, blue; values 0 to 255).
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="inputColumnName">The text column holding image paths; default <see cref="CifarColumnNames.ImagePath"/>.</param>
    /// <param name="outputColumnName">The features column to produce; default <see cref="CifarColumnNames.Features"/>.</param>
    /// <returns>The estimator; fit it on data that has <paramref name="inputColumnName"/>.</returns>
    public static IEstimator<ITransformer> CreateImageFeaturizer(
        MLContext mlContext,
        string inputColumnName = CifarColumnNames.ImagePath,
        string outputColumnName = CifarColumnNames.Features)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        return mlContext.Transforms.LoadImages(ImageColumn, imageFolder: null, inputColumnName)
            .Append(mlContext.Transforms.ResizeImages(ImageColumn, CifarImageLayout.Side, CifarImageLayout.Side))
            .Append(mlContext.Transforms.ExtractPixels(outputColumnName, ImageColumn))
            .Append(mlContext.Transforms.DropColumns(ImageColumn));
    }

    private static CifarDataSet ReadBinary(IReadOnlyList<string> files, string classNamesFile, bool classNamesFileRequired)
    {
        bool useFile = classNamesFileRequired || File.Exists(classNamesFile);
        IReadOnlyList<string> classNames = useFile ? CifarClassNamesFile.Read(classNamesFile) : CifarClassNames.Cifar10;
        string source = useFile ? $"the class-names file '{classNamesFile}'" : "the standard CIFAR-10 class list (no batches.meta.txt was found)";
        CifarBinaryDataView view = CifarBinaryReader.Read(files, classNames, source);
        return new CifarDataSet(view, classNames, view.RowCount, []);
    }
}
