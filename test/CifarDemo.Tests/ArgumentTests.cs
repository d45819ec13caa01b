namespace CifarDemo.Tests;

/// <summary>Bad command lines exit with code 2 and one line saying why, without a stack trace; --help exits 0.</summary>
[TestClass]
public sealed class ArgumentTests
{
    [TestMethod]
    [DataRow(new[] { "train", "--no-such-option" }, "no-such-option")]
    [DataRow(new[] { "--no-such-option" }, "no-such-option")]
    [DataRow(new[] { "train", "--patience", "0" }, "--patience")]
    [DataRow(new[] { "train", "--width", "0" }, "--width")]
    [DataRow(new[] { "train", "--validation-fraction", "1.5" }, "--validation-fraction")]
    [DataRow(new[] { "train", "--test-fraction", "1" }, "--test-fraction")]
    [DataRow(new[] { "train", "--augment", "--no-augment" }, "--augment and --no-augment")]
    [DataRow(new[] { "train", "--no-early-stopping", "--patience", "3" }, "--no-early-stopping")]
    [DataRow(new[] { "train", "--optimizer", "Rmsprop" }, "Rmsprop")]
    [DataRow(new[] { "train", "--max-epochs", "many" }, "many")]
    [DataRow(new[] { "evaluate" }, "--model is required")]
    [DataRow(new[] { "predict", "--model", "model.zip" }, "IMAGE")]
    [DataRow(new[] { "predict", "--model", "model.zip", "--top", "0", "a.png" }, "--top")]
    [DataRow(new[] { "download", "--url", "ftp://example.invalid/x.tar.gz", "--md5", "c32a1d4ab5d03f1284b67883e8d87530" }, "--url")]
    [DataRow(new[] { "download", "--md5", "xyz" }, "--md5")]
    [DataRow(new[] { "fly" }, "fly")]
    public void BadArgumentsExitWithCode2AndSayWhy(string[] args, string mentioned)
    {
        DemoResult result = DemoRunner.Run(args);

        Assert.AreEqual(ExitCodes.BadArguments, result.ExitCode, result.ToString());
        string errorLine = result.Output.Split('\n').Single(line => line.StartsWith("error:", StringComparison.Ordinal));
        StringAssert.Contains(errorLine, mentioned, result.ToString());
        Assert.DoesNotContain("   at ", result.Output, "no stack trace without --verbose");
        StringAssert.Contains(result.Output, "--help");
    }

    [TestMethod]
    public void HelpListsTheVerbs()
    {
        DemoResult result = DemoRunner.Run("--help");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        foreach (string verb in new[] { "train", "evaluate", "predict", "download" })
            StringAssert.Contains(result.Output, verb);
    }

    [TestMethod]
    [DataRow("train", "--patience")]
    [DataRow("train", "--max-per-class")]
    [DataRow("evaluate", "--model")]
    [DataRow("predict", "--top")]
    [DataRow("download", "--md5")]
    public void EveryVerbHasHelp(string verb, string option)
    {
        DemoResult result = DemoRunner.Run(verb, "--help");

        Assert.AreEqual(ExitCodes.Success, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, option);
    }
}
