namespace CifarDemo.Tests;

/// <summary>Missing or corrupt data exits with code 3 and a line naming the problem, and leaves no run folder behind.</summary>
[TestClass]
public sealed class DataErrorTests
{
    [TestMethod]
    public void AMissingDataPathIsNamed()
    {
        using var temp = new TempFolder();
        string missing = Path.Combine(temp.Path, "nowhere");

        DemoResult result = Train(temp, missing);

        Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
        StringAssert.Contains(ErrorLine(result), "does not exist");
        StringAssert.Contains(ErrorLine(result), missing);
        AssertNoRunFolder(temp);
    }

    [TestMethod]
    public void AFileThatIsNotAnArchiveIsRefused()
    {
        using var temp = new TempFolder();
        string file = temp.File("data.txt");
        File.WriteAllText(file, "not data");

        DemoResult result = Train(temp, file);

        Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
        StringAssert.Contains(ErrorLine(result), "not a .tar.gz");
        AssertNoRunFolder(temp);
    }

    [TestMethod]
    public void ACorruptArchiveIsNamed()
    {
        using var temp = new TempFolder();
        string archive = temp.File("broken.tar.gz");
        File.WriteAllBytes(archive, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5]);

        DemoResult result = Train(temp, archive);

        Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
        StringAssert.Contains(ErrorLine(result), archive);
        AssertNoRunFolder(temp);
        Assert.IsFalse(Directory.Exists(Path.Combine(temp.Path, "cache", "extracted")), "the archive is read in place: nothing is extracted");
    }

    [TestMethod]
    public void AFolderWithoutClassFoldersIsRefused()
    {
        using var temp = new TempFolder();
        string empty = temp.Folder("empty");

        DemoResult result = Train(temp, empty);

        Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
        StringAssert.Contains(ErrorLine(result), empty);
        AssertNoRunFolder(temp);
    }

    [TestMethod]
    public void ACorruptImageIsNamed()
    {
        using var temp = new TempFolder();
        string root = temp.Folder("images");
        TestImages.WritePng(Path.Combine(root, "cat", "0.png"), 32, 32);
        TestImages.WritePng(Path.Combine(root, "dog", "0.png"), 32, 32);
        string corrupt = Path.Combine(root, "dog", "1.png");
        File.WriteAllText(corrupt, "this is not a PNG");

        DemoResult result = Train(temp, root);

        Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
        StringAssert.Contains(ErrorLine(result), corrupt);
        AssertNoRunFolder(temp);
    }

    [TestMethod]
    public void VerboseAddsTheStackTrace()
    {
        using var temp = new TempFolder();

        DemoResult result = DemoRunner.Run("train", "--data", Path.Combine(temp.Path, "nowhere"), "--output", Path.Combine(temp.Path, "runs"), "--verbose");

        Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "DemoDataException");
    }

    private static DemoResult Train(TempFolder temp, string data) =>
        DemoRunner.Run("train", "--data", data, "--output", Path.Combine(temp.Path, "runs"), "--cache", Path.Combine(temp.Path, "cache"));

    private static string ErrorLine(DemoResult result) =>
        result.Output.Split('\n').SingleOrDefault(line => line.StartsWith("error:", StringComparison.Ordinal)) ?? $"(no error line) {result}";

    private static void AssertNoRunFolder(TempFolder temp)
    {
        string runs = Path.Combine(temp.Path, "runs");
        Assert.IsFalse(Directory.Exists(runs) && Directory.EnumerateFileSystemEntries(runs).Any(), "no run folder is left behind");
    }
}
