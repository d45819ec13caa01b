namespace CifarDemo.Tests;

/// <summary>The sync verb on real run folders (the upload protocol itself is tested in the library's tracking tests).</summary>
[TestClass]
public sealed class SyncVerbTests
{
    [TestMethod]
    public void ARunWithOnlyLocalTrackersHasNothingPending()
    {
        DemoResult result = DemoRunner.Run("sync", QuickRun.RunFolder);

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "Everything spooled for this run is delivered");
        StringAssert.Contains(result.Output, "csv: Complete");
    }

    [TestMethod]
    public void AFolderWithoutASpoolIsABadArgument()
    {
        using var temp = new TempFolder();

        DemoResult result = DemoRunner.Run("sync", temp.Path);

        Assert.AreEqual(ExitCodes.BadArguments, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "no tracking/spool.jsonl");
    }

    [TestMethod]
    public void SyncWithoutARunFolderIsABadArgument()
    {
        DemoResult result = DemoRunner.Run("sync");

        Assert.AreEqual(ExitCodes.BadArguments, result.ExitCode, result.ToString());
    }
}
