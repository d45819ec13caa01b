using System.ComponentModel;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>Options every verb has.</summary>
internal class DemoSettings : CommandSettings
{
    [CommandOption("--verbose")]
    [Description("Print the full stack trace of errors.")]
    public bool Verbose { get; init; }
}
