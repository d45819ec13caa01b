namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Decides how the images of an archive form splits and classes, and builds one byte-backed
/// <see cref="CifarDataSet"/> per split with the same rules as <see cref="ImageFolderScanner"/>: class folders in
/// ordinal order of their names (the label order), images in ordinal order of their file names.
/// </summary>
/// <remarks>
/// All images must sit at the same depth, which decides the layout: <c>&lt;class&gt;/&lt;image&gt;</c> (one split,
/// named <see cref="CifarArchiveContents.RootSplit"/>), <c>&lt;split&gt;/&lt;class&gt;/&lt;image&gt;</c>, or that
/// under a single top folder (as <c>tar czf cifar.tar.gz cifar/</c> makes). Files directly at the root are ignored.
/// </remarks>
internal static class ImageArchiveLayout
{
    private const string ExpectedLayout =
        "expected all images as <class>/<image>, all as <split>/<class>/<image> (such as train/cat/0001.png), " +
        "or all as <folder>/<split>/<class>/<image> under one top folder";

    /// <summary>Class labels are stored as one byte per image.</summary>
    private const int MaxClasses = 256;

    public static Dictionary<string, CifarDataSet> Build(ArchiveListing listing, ImageArchiveOptions options)
    {
        string archive = listing.ArchivePath;
        ArchiveImage[] images = listing.Images.Values.ToArray();
        if (images.Length == 0)
        {
            throw new CifarArchiveException(
                $"The archive '{archive}' holds no images in class folders and no {CifarBinaryFolder.ExtractedFolderName} folder: {ExpectedLayout}. " +
                $"Images are {DescribeExtensions()} files; hidden files (names starting with '.') and __MACOSX are ignored.",
                archive, entryName: null, innerException: null);
        }

        if (listing.BinaryFolder is not null)
        {
            throw new CifarArchiveException(
                $"The archive '{archive}' holds both image folders (such as '{FirstName(images)}') and " +
                $"the binary batches folder '{listing.BinaryFolder}'; expected one or the other.",
                archive, entryName: null, innerException: null);
        }

        int classDepth = ClassFolderDepth(archive, images, out string? topFolder);
        Dictionary<string, SortedDictionary<string, ClassFolder>> splits = GroupByClassFolder(listing, images, classDepth, topFolder);
        CheckSameClasses(archive, splits);

        var result = new Dictionary<string, CifarDataSet>(StringComparer.Ordinal);
        foreach ((string split, SortedDictionary<string, ClassFolder> classes) in splits.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            result[split] = ToDataSet(listing, split, classes, options);
        }

        return result;
    }

    /// <summary>The depth (in folders) of the class folders, from the depth of the images; the shared top folder, if any.</summary>
    private static int ClassFolderDepth(string archive, ArchiveImage[] images, out string? topFolder)
    {
        topFolder = null;
        int[] depths = images.Select(image => image.Segments.Length).Distinct().Order().ToArray();
        if (depths is [2] or [3])
        {
            return depths[0] - 1;
        }

        string[] tops = images.Select(image => image.Segments[0]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (depths is [4] && tops.Length == 1)
        {
            topFolder = tops[0];
            return 3;
        }

        string examples = string.Join(", ", depths.Select(depth =>
            $"'{FirstName(images.Where(image => image.Segments.Length == depth))}'"));
        string found = depths.Length > 1
            ? $"holds images at different folder depths ({examples})"
            : depths[0] == 4
                ? $"holds images four folders deep under more than one top folder ({string.Join(", ", tops.Take(3).Select(top => $"'{top}'"))})"
                : $"holds images {depths[0] - 1} folders deep ({examples})";
        throw new CifarArchiveException($"The archive '{archive}' {found}: {ExpectedLayout}.", archive, entryName: null, innerException: null);
    }

    /// <summary>
    /// Split name, then class folder name, then its images. A split is a folder holding images at the class depth;
    /// every class folder of a split is listed, with or without images, so that an empty one can be reported.
    /// </summary>
    private static Dictionary<string, SortedDictionary<string, ClassFolder>> GroupByClassFolder(
        ArchiveListing listing, ArchiveImage[] images, int classDepth, string? topFolder)
    {
        var splits = new Dictionary<string, SortedDictionary<string, ClassFolder>>(StringComparer.Ordinal);
        string SplitOf(string[] folder) => classDepth == 1 ? CifarArchiveContents.RootSplit : folder[classDepth - 2];

        ClassFolder ClassOf(SortedDictionary<string, ClassFolder> classes, string[] folder)
        {
            string className = folder[classDepth - 1];
            if (!classes.TryGetValue(className, out ClassFolder? classFolder))
            {
                classFolder = new ClassFolder(ArchiveListing.Join(folder, classDepth));
                classes[className] = classFolder;
            }

            return classFolder;
        }

        foreach (ArchiveImage image in images)
        {
            string split = SplitOf(image.Segments);
            if (!splits.TryGetValue(split, out SortedDictionary<string, ClassFolder>? classes))
            {
                classes = new SortedDictionary<string, ClassFolder>(StringComparer.Ordinal);
                splits[split] = classes;
            }

            ClassOf(classes, image.Segments).Images.Add(image);
        }

        // Folders beside the splits (docs/, say) hold no images and are no split; inside a split, a folder is a class.
        foreach (string[] folder in listing.Folders.Values)
        {
            if (folder.Length == classDepth && (topFolder is null || folder[0] == topFolder)
                && splits.TryGetValue(SplitOf(folder), out SortedDictionary<string, ClassFolder>? classes))
            {
                ClassOf(classes, folder);
            }
        }

        return splits;
    }

    private static void CheckSameClasses(string archive, Dictionary<string, SortedDictionary<string, ClassFolder>> splits)
    {
        string[] names = splits.Keys.Order(StringComparer.Ordinal).ToArray();
        string[] reference = splits[names[0]].Keys.ToArray();
        foreach (string split in names.Skip(1))
        {
            string[] classes = splits[split].Keys.ToArray();
            string[] missing = reference.Except(classes, StringComparer.Ordinal).ToArray();
            string[] extra = classes.Except(reference, StringComparer.Ordinal).ToArray();
            if (missing.Length > 0 || extra.Length > 0)
            {
                var differences = new List<string>();
                if (missing.Length > 0)
                {
                    differences.Add($"'{split}' lacks {Quote(missing)}");
                }

                if (extra.Length > 0)
                {
                    differences.Add($"'{split}' has {Quote(extra)}, which '{names[0]}' lacks");
                }

                throw new CifarArchiveException(
                    $"The splits of the archive '{archive}' have different class folders ({string.Join("; ", differences)}). " +
                    "Every split needs the same classes, so that labels mean the same in each.",
                    archive, entryName: null, innerException: null);
            }
        }
    }

    private static CifarDataSet ToDataSet(
        ArchiveListing listing, string split, SortedDictionary<string, ClassFolder> classes, ImageArchiveOptions options)
    {
        string archive = listing.ArchivePath;
        if (classes.Count > MaxClasses)
        {
            throw new CifarArchiveException(
                $"The split '{split}' of the archive '{archive}' has {classes.Count} class folders; at most {MaxClasses} are supported.",
                archive, entryName: null, innerException: null);
        }

        foreach (ClassFolder classFolder in classes.Values)
        {
            List<ArchiveImage> images = classFolder.Images;
            if (images.Count == 0)
            {
                int others = listing.OtherFiles.GetValueOrDefault(classFolder.Path);
                throw new CifarArchiveException(
                    $"The class folder '{classFolder.Path}' in the archive '{archive}' holds no images ({DescribeExtensions()})" +
                    $"{(others > 0 ? $"; its {others} other files are ignored" : "")}. Every class folder needs at least one image.",
                    archive, entryName: null, innerException: null);
            }

            images.Sort((left, right) => StringComparer.Ordinal.Compare(left.FileName, right.FileName));
        }

        var skipped = new List<string>();
        var usable = new List<(byte Label, ArchiveImage Image)>();
        byte label = 0;
        foreach (ClassFolder classFolder in classes.Values)
        {
            int before = usable.Count;
            foreach (ArchiveImage image in classFolder.Images)
            {
                if (image.Problem is null)
                {
                    usable.Add((label, image));
                }
                else if (options.SkipCorruptImages)
                {
                    skipped.Add(image.EntryName);
                }
                else
                {
                    throw new CifarArchiveException(
                        $"The image '{image.EntryName}' in the archive '{archive}' cannot be used: {image.Problem}. Remove it, or set " +
                        $"{nameof(ImageArchiveOptions)}.{nameof(ImageArchiveOptions.SkipCorruptImages)} to leave such images out.",
                        archive, image.EntryName, innerException: null);
                }
            }

            if (usable.Count == before)
            {
                throw new CifarArchiveException(
                    $"The class folder '{classFolder.Path}' in the archive '{archive}' has no usable images: all {classFolder.Images.Count} images in it are corrupt.",
                    archive, entryName: null, innerException: null);
            }

            label++;
        }

        // The decoded arrays become the rows as they are: no second copy of the pixels.
        byte[] labels = usable.Select(row => row.Label).ToArray();
        byte[][] pixels = usable.Select(row => row.Image.Pixels!).ToArray();
        string[] classNames = classes.Keys.ToArray();
        return new CifarDataSet(new CifarBinaryDataView(labels, pixels, classNames), Array.AsReadOnly(classNames), usable.Count, skipped);
    }

    private static string FirstName(IEnumerable<ArchiveImage> images) =>
        images.Select(image => image.EntryName).Order(StringComparer.Ordinal).First();

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(name => $"'{name}'"));

    private static string DescribeExtensions() => string.Join(", ", ImageFolderScanner.SupportedExtensions);

    /// <summary>A class folder of one split: its '/'-joined path in the archive and its images.</summary>
    private sealed class ClassFolder(string path)
    {
        public string Path { get; } = path;

        public List<ArchiveImage> Images { get; } = [];
    }
}
