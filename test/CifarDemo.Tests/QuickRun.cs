namespace CifarDemo.Tests;

/// <summary>
/// One small training run on the mini images (train --quick, capped further so it takes seconds), made once per test
/// run and shared by the tests that need a trained model; its folder is deleted when the tests end.
/// </summary>
internal static class QuickRun
{
    private static readonly Lazy<(DemoResult Result, string Output, string RunFolder)> Run = new(Train);
    private static TempFolder? _temp;

    /// <summary>The arguments that keep a training run small: 30 images per class, 2 epochs, network width 4.</summary>
    public static string[] SmallTrainingArguments(string dataPath, string output, string cache) =>
        ["train", "--quick", "--data", dataPath, "--output", output, "--cache", cache, "--max-per-class", "30", "--max-epochs", "2", "--width", "4"];

    public static DemoResult Result => Run.Value.Result;

    /// <summary>The run folder, e.g. &lt;temp&gt;/runs/20260101-120000.</summary>
    public static string RunFolder => Run.Value.RunFolder;

    public static string ModelZip => Path.Combine(RunFolder, "model.zip");

    public static string Cache => Path.Combine(_temp!.Path, "cache");

    public static void Cleanup() => _temp?.Dispose();

    private static (DemoResult, string, string) Train()
    {
        string data = SharedData.MiniRoot;
        _temp = new TempFolder();
        string output = _temp.Folder("runs");
        DemoResult result = DemoRunner.Run(SmallTrainingArguments(data, output, Path.Combine(_temp.Path, "cache")));
        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        string[] runs = Directory.GetDirectories(output);
        Assert.HasCount(1, runs, "one run makes one run folder");
        return (result, output, runs[0]);
    }
}

[TestClass]
public static class AssemblyHooks
{
    [AssemblyCleanup]
    public static void DeleteSharedRun() => QuickRun.Cleanup();
}
