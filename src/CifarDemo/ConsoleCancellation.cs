using Spectre.Console;

namespace CifarDemo;

/// <summary>
/// Ctrl+C handling: the first press cancels <see cref="Token"/> (training stops after the current batch and the best
/// model so far is saved); a second press ends the process at once.
/// </summary>
internal sealed class ConsoleCancellation : IDisposable
{
    private readonly IAnsiConsole _console;
    private readonly CancellationTokenSource _source = new();
    private int _presses;

    public ConsoleCancellation(IAnsiConsole console)
    {
        _console = console;
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (Interlocked.Increment(ref _presses) > 1)
            return; // e.Cancel stays false: the runtime ends the process.
        e.Cancel = true;
        _console.MarkupLine("[yellow]Stopping after the current batch and keeping the best model so far; press Ctrl+C again to quit at once.[/]");
        _source.Cancel();
    }
}
