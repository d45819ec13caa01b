using Microsoft.ML.EarlyStopping.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo;

/// <summary>Turns an exception into one line on the console and an exit code; the stack trace only with --verbose.</summary>
internal static class ErrorReporter
{
    public static int Report(IAnsiConsole console, Exception exception, bool verbose)
    {
        Exception error = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : exception;
        int code = ExitCodeOf(error);
        string message = code == ExitCodes.Cancelled ? "cancelled." : OneLine(error.Message);
        console.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        if (code == ExitCodes.BadArguments)
            console.MarkupLine($"[grey]See '{DemoApp.Name} --help', or '{DemoApp.Name} <verb> --help' for a verb's options.[/]");
        if (verbose)
            console.WriteException(error);
        return code;
    }

    public static int ExitCodeOf(Exception error) => error switch
    {
        OperationCanceledException => ExitCodes.Cancelled,
        DemoUsageException or CommandAppException => ExitCodes.BadArguments,
        DemoDataException or CifarDownloadException or TarGzExtractionException or CifarArchiveException or InvalidDataException
            or FileNotFoundException or DirectoryNotFoundException => ExitCodes.DataError,
        _ => ExitCodes.Failure,
    };

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
