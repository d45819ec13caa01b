namespace CifarDemo.Tests;

/// <summary>
/// Paths of the real CIFAR-10 samples in ../shared/data (beside the repository). A test that needs one fails when
/// the environment variable CI is set and is inconclusive otherwise, always naming the missing path.
/// </summary>
internal static class SharedData
{
    private const string SolutionFileName = "EarlyStopping.sln";

    /// <summary>The mini image root: train/ (100 JPEGs per class) and val/ (20 per class), no test/.</summary>
    public static string MiniRoot => Require("cifar10-mini");

    /// <summary>The mini validation images, one folder per class.</summary>
    public static string MiniValFolder => Require(Path.Combine("cifar10-mini", "val"));

    /// <summary>The folder holding data_batch_1.bin (1,000 records) and batches.meta.txt, no test batch.</summary>
    public static string BinarySampleFolder => Require(Path.Combine("cifar10-bin-sample", "cifar-10-batches-bin"));

    private static string Require(string relativePath)
    {
        string? repositoryRoot = FindRepositoryRoot();
        if (repositoryRoot is null)
        {
            Missing($"no folder holding {SolutionFileName} above '{AppContext.BaseDirectory}', so ../shared/data cannot be located");
        }

        string path = Path.GetFullPath(Path.Combine(repositoryRoot!, "..", "shared", "data", relativePath));
        if (!Directory.Exists(path))
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
