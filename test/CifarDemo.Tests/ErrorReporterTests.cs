using Microsoft.ML.EarlyStopping.Data;
using Spectre.Console.Testing;

namespace CifarDemo.Tests;

[TestClass]
public sealed class ErrorReporterTests
{
    [TestMethod]
    public void ExceptionsMapToTheDocumentedExitCodes()
    {
        Assert.AreEqual(ExitCodes.BadArguments, ErrorReporter.ExitCodeOf(new DemoUsageException("x")));
        Assert.AreEqual(ExitCodes.DataError, ErrorReporter.ExitCodeOf(new DemoDataException("x")));
        Assert.AreEqual(ExitCodes.DataError, ErrorReporter.ExitCodeOf(new InvalidDataException("x")));
        Assert.AreEqual(ExitCodes.DataError, ErrorReporter.ExitCodeOf(new FileNotFoundException("x")));
        Assert.AreEqual(ExitCodes.DataError, ErrorReporter.ExitCodeOf(new CifarDownloadException("x")));
        Assert.AreEqual(ExitCodes.Cancelled, ErrorReporter.ExitCodeOf(new OperationCanceledException()));
        Assert.AreEqual(ExitCodes.Failure, ErrorReporter.ExitCodeOf(new InvalidOperationException("x")));
    }

    [TestMethod]
    public void AMultiLineMessageBecomesOneLine()
    {
        var console = new TestConsole().Width(300);

        int code = ErrorReporter.Report(console, new InvalidOperationException("first\nsecond"), verbose: false);

        Assert.AreEqual(ExitCodes.Failure, code);
        Assert.AreEqual("error: first second", console.Output.TrimEnd());
    }
}
