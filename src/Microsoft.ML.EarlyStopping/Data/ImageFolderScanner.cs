namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Lists the images of a <c>root/&lt;class name&gt;/&lt;image&gt;</c> folder up front, so a wrong layout or a bad
/// image is reported at load time with its path.
/// </summary>
internal static class ImageFolderScanner
{
    /// <summary>The image file extensions the readers accept (compared ignoring case).</summary>
    internal static readonly string[] SupportedExtensions = [".png", ".jpg", ".jpeg", ".bmp"];

    public static ImageFolderListing Scan(string root, ImageFolderOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        string fullRoot = Path.GetFullPath(root);
        if (!Directory.Exists(fullRoot))
        {
            throw new DirectoryNotFoundException($"The image folder '{fullRoot}' does not exist.");
        }

        // Ordinal order makes label order independent of the machine's culture; for CIFAR-10 it is the official order.
        string[] classFolders = Directory.EnumerateDirectories(fullRoot)
            .Where(folder => !IsHidden(folder))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (classFolders.Length == 0)
        {
            throw new InvalidDataException(
                $"The image folder '{fullRoot}' has no class folders: expected one sub-folder per class, named after the class, holding its images.");
        }

        var check = options.ValidateImages ? new ImageFileCheck() : null;
        var files = new List<ImageFile>();
        var skipped = new List<string>();
        foreach (string classFolder in classFolders)
        {
            string className = Path.GetFileName(classFolder);
            string[] images = ListImages(classFolder);
            int usable = 0;
            foreach (string image in images)
            {
                string? problem = check?.FindProblem(image);
                if (problem is null)
                {
                    files.Add(new ImageFile { Label = className, ImagePath = image });
                    usable++;
                }
                else if (options.SkipCorruptImages)
                {
                    skipped.Add(image);
                }
                else
                {
                    throw new InvalidDataException(
                        $"The image '{image}' cannot be used: {problem}. Remove it, or set {nameof(ImageFolderOptions)}.{nameof(ImageFolderOptions.SkipCorruptImages)} to leave such files out.");
                }
            }

            if (usable == 0)
            {
                throw new InvalidDataException(
                    $"The class folder '{classFolder}' has no usable images: all {images.Length} images in it are corrupt.");
            }
        }

        return new ImageFolderListing(classFolders.Select(folder => Path.GetFileName(folder)).ToArray(), files, skipped);
    }

    private static string[] ListImages(string classFolder)
    {
        string[] all = Directory.EnumerateFiles(classFolder).Where(file => !IsHidden(file)).ToArray();
        string[] images = all
            .Where(file => SupportedExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (images.Length == 0)
        {
            throw new InvalidDataException(
                $"The class folder '{classFolder}' holds no images (.png, .jpg, .jpeg or .bmp){(all.Length > 0 ? $"; its {all.Length} other files are ignored" : "")}. Every class folder needs at least one image.");
        }

        return images;
    }

    /// <summary>Dot-named entries (.git, .DS_Store, ._name from macOS copies) are tool metadata, never classes or images.</summary>
    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');
}
