namespace Microsoft.ML.EarlyStopping.Tests.Data;

/// <summary>
/// Paths of the real CIFAR-10 samples in ../shared/data (beside the repository). A test that needs one fails when
/// the environment variable CI is set and is inconclusive otherwise, always naming the missing path.
/// </summary>
internal static class SharedData
{
    private const string SolutionFileName = "EarlyStopping.sln";

    /// <summary>The folder holding data_batch_1.bin (1,000 records) and batches.meta.txt.</summary>
    public static string BinarySampleFolder => Require(Path.Combine("cifar10-bin-sample", "cifar-10-batches-bin"));

    /// <summary>Image folders, 100 JPEGs per class.</summary>
    public static string MiniTrainFolder => Require(Path.Combine("cifar10-mini", "train"));

    /// <summary>Image folders, 20 JPEGs per class.</summary>
    public static string MiniValFolder => Require(Path.Combine("cifar10-mini", "val"));

    /// <summary>The whole training split as one archive: train/&lt;class&gt;/NNNN.jpg, 5,000 JPEGs per class.</summary>
    public static string TrainArchive => Require("cifar10-train-jpg.tar.gz", isFile: true);

    private static string Require(string relativePath, bool isFile = false)
    {
        string? repositoryRoot = FindRepositoryRoot();
        if (repositoryRoot is null)
        {
            Missing($"no folder holding {SolutionFileName} above '{AppContext.BaseDirectory}', so ../shared/data cannot be located");
        }

        string path = Path.GetFullPath(Path.Combine(repositoryRoot!, "..", "shared", "data", relativePath));
        if (isFile ? !File.Exists(path) : !Directory.Exists(path))
        {
            Missing($"'{path}' does not exist");
        }

        return path;
    }

    private static string? FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static void Missing(string what)
    {
        string message = $"This test needs the real CIFAR-10 samples in ../shared/data beside the repository: {what}.";
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Assert.Fail(message);
        }

        Assert.Inconclusive(message);
    }
}
