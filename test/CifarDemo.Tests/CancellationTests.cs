namespace CifarDemo.Tests;

/// <summary>Ctrl+C (the cancellation token): stop after the current batch, keep and save the best model so far, exit 130.</summary>
[TestClass]
public sealed class CancellationTests
{
    [TestMethod]
    public void CancellingAfterAnEpochSavesTheBestModelSoFarAndSaysSo()
    {
        using var temp = new TempFolder();
        string output = temp.Folder("runs");
        using var cancel = new CancellationTokenSource();
        // Cancel as soon as the first epoch's row is in metrics.csv; the budget of 50 epochs cannot run out first.
        Task watcher = Task.Run(async () =>
        {
            while (!cancel.IsCancellationRequested)
            {
                if (Directory.EnumerateFiles(output, "metrics.csv", SearchOption.AllDirectories).Any(HasAnEpochRow))
                {
                    await cancel.CancelAsync();
                    return;
                }
                await Task.Delay(20);
            }
        });
        string[] args = [.. QuickRun.SmallTrainingArguments(SharedData.MiniRoot, output, Path.Combine(temp.Path, "cache")), "--max-epochs", "50", "--patience", "50"];

        DemoResult result = DemoRunner.Run(cancel.Token, args);
        watcher.Wait();

        Assert.AreEqual(ExitCodes.Cancelled, result.ExitCode, result.ToString());
        string run = Directory.GetDirectories(output).Single();
        Assert.IsTrue(File.Exists(Path.Combine(run, "model.zip")), "the best model so far is saved");
        StringAssert.Contains(result.Output, "Cancelled:");
        StringAssert.Contains(result.Output, "saved as model.zip");
        Assert.DoesNotContain("Test results", result.Output, "a cancelled run is not tested");
        string report = File.ReadAllText(Path.Combine(run, "report.md"));
        StringAssert.Contains(report, "**cancelled**");
        int epochs = File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length - 1;
        Assert.IsTrue(epochs is >= 1 and < 50, $"stopped early, after {epochs} epochs");
    }

    // The tracker writes the header when the run starts and a row when an epoch ends; the file may be mid-write.
    private static bool HasAnEpochRow(string csv)
    {
        try
        {
            return File.ReadAllLines(csv).Length >= 2;
        }
        catch (IOException)
        {
            return false;
        }
    }

    [TestMethod]
    public void CancellingBeforeTrainingLeavesNothingBehind()
    {
        using var temp = new TempFolder();
        string output = temp.Folder("runs");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        DemoResult result = DemoRunner.Run(cancel.Token, QuickRun.SmallTrainingArguments(SharedData.MiniRoot, output, Path.Combine(temp.Path, "cache")));

        Assert.AreEqual(ExitCodes.Cancelled, result.ExitCode, result.ToString());
        Assert.IsFalse(Directory.EnumerateFileSystemEntries(output).Any(), "no run folder is left behind");
    }
}
