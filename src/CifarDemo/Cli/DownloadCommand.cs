using CifarDemo.Data;
using CifarDemo.View;
using Microsoft.ML.EarlyStopping.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>The download verb: fetch and verify CIFAR-10 into the cache (or find it there) and print where it is.</summary>
internal sealed class DownloadCommand : Command<DownloadSettings>
{
    private readonly IAnsiConsole _console;

    public DownloadCommand(IAnsiConsole console)
    {
        _console = console;
    }

    public override int Execute(CommandContext context, DownloadSettings settings, CancellationToken cancellationToken)
    {
        string folder = DataProgressDisplay.Run(_console, progress =>
        {
            var options = new CifarDownloadOptions
            {
                CacheDirectory = settings.CacheDirectory,
                Progress = new SyncProgress<DownloadProgress>(p => progress(new DataProgress(p.Phase.ToString(), p.Fraction))),
            };
            if (settings.Url is not null)
            {
                options.Url = new Uri(settings.Url);
                options.ExpectedMd5 = settings.Md5;
            }
            return CifarDownloader.Download(options, cancellationToken);
        });
        _console.MarkupLine($"[green]CIFAR-10 is ready:[/] {Markup.Escape(folder)}");
        _console.MarkupLine($"[grey]Train on it offline with: {DemoApp.Name} train --data {Markup.Escape(folder)}[/]");
        return ExitCodes.Success;
    }
}
