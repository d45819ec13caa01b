using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>Options of the sync verb.</summary>
internal sealed class SyncSettings : DemoSettings
{
    [CommandArgument(0, "<RUN_FOLDER>")]
    [Description("The run folder whose spooled tracker events to upload (e.g. runs/20260101-120000).")]
    public string RunFolder { get; init; } = "";

    [CommandOption("--timeout <SECONDS>")]
    [Description("Give up after this many seconds; what is not sent stays spooled for the next sync. Default 600.")]
    public int TimeoutSeconds { get; init; } = 600;

    public override ValidationResult Validate()
    {
        if (TimeoutSeconds < 1)
            return ValidationResult.Error($"--timeout must be at least 1 second; got {TimeoutSeconds}.");
        return ValidationResult.Success();
    }
}
