using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>Options of the evaluate verb.</summary>
internal sealed class EvaluateSettings : DataSettings
{
    [CommandOption("-m|--model <FILE>")]
    [Description("The model.zip of a training run.")]
    public string? Model { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
            return ValidationResult.Error("--model is required: the model.zip of a training run.");
        return base.Validate();
    }
}
