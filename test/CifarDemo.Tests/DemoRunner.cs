using Spectre.Console.Testing;

namespace CifarDemo.Tests;

/// <summary>What one in-process run of the app returned and printed.</summary>
internal sealed record DemoResult(int ExitCode, string Output)
{
    public override string ToString() => $"exit code {ExitCode}; output:\n{Output}";
}

/// <summary>Runs the app in-process, as <c>dotnet run --project src/CifarDemo -- args</c> would, on a test console.</summary>
internal static class DemoRunner
{
    public static DemoResult Run(params string[] args) => Run(CancellationToken.None, args);

    public static DemoResult Run(CancellationToken cancellationToken, params string[] args)
    {
        // Wide enough that no line wraps; a test console is not interactive, so no live progress is drawn.
        var console = new TestConsole().Width(400);
        int code = DemoApp.Run(args, console, cancellationToken);
        return new DemoResult(code, console.Output);
    }
}
