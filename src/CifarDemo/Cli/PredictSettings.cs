using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>Options of the predict verb.</summary>
internal sealed class PredictSettings : DemoSettings
{
    [CommandOption("-m|--model <FILE>")]
    [Description("The model.zip of a training run.")]
    public string? Model { get; init; }

    [CommandArgument(0, "<IMAGE>")]
    [Description("Image files (PNG, JPEG, BMP; any size: resized to 32x32 keeping the aspect ratio, centre cropped).")]
    public string[] Images { get; init; } = [];

    [CommandOption("--top <N>")]
    [Description("How many classes to show per image.")]
    [DefaultValue(3)]
    public int Top { get; init; } = 3;

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Model))
            return ValidationResult.Error("--model is required: the model.zip of a training run.");
        if (Images.Length == 0)
            return ValidationResult.Error("Give at least one image file.");
        if (Top < 1)
            return ValidationResult.Error($"--top must be at least 1; got {Top}.");
        return ValidationResult.Success();
    }
}
