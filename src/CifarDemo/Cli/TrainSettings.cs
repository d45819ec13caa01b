using System.ComponentModel;
using Microsoft.ML.EarlyStopping;
using Microsoft.ML.EarlyStopping.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>Options of the train verb. Unset values take the trainer's recipe for the architecture (or the --quick profile).</summary>
internal sealed class TrainSettings : DataSettings
{
    [CommandOption("-q|--quick")]
    [Description("A smoke run of about a minute: 500 images per class, 8 epochs, batch size 128, width 32 (each can still be set).")]
    public bool Quick { get; init; }

    [CommandOption("-o|--output <DIR>")]
    [Description("The folder that receives one run folder (named after the start time) per run.")]
    [DefaultValue("runs")]
    public string Output { get; init; } = "runs";

    [CommandOption("-a|--architecture <NAME>")]
    [Description("Airbench (default: the recommended recipe, after airbench94), FastResNet (a compact residual network) or Seed (the original notebook's network).")]
    public CifarArchitecture? Architecture { get; init; }

    [CommandOption("--width <N>")]
    [Description("Channels of the first stage or group. Default: the recipe (64 Airbench, later groups 4x; 16 FastResNet, later stages double).")]
    public int? Width { get; init; }

    [CommandOption("-e|--max-epochs <N>")]
    [Description("Epoch budget. Default: the recipe (10 Airbench, 30 FastResNet and Seed; --quick: 4).")]
    public int? MaxEpochs { get; init; }

    [CommandOption("-p|--patience <N>")]
    [Description("Stop after N consecutive epochs without improvement. Default 10.")]
    public int? Patience { get; init; }

    [CommandOption("--min-delta <X>")]
    [Description("An epoch must beat the best by more than this to count as an improvement. Default 0.")]
    public double? MinDelta { get; init; }

    [CommandOption("--monitor <METRIC>")]
    [Description("What early stopping watches: ValidationLoss (default), ValidationAccuracy or TrainingLoss.")]
    public EarlyStoppingMetric? Monitor { get; init; }

    [CommandOption("--no-early-stopping")]
    [Description("Train all epochs and keep the last weights.")]
    public bool NoEarlyStopping { get; init; }

    [CommandOption("--keep-last-weights")]
    [Description("Keep the last epoch's weights instead of restoring the best epoch's.")]
    public bool KeepLastWeights { get; init; }

    [CommandOption("-b|--batch-size <N>")]
    [Description("Training batch size. Default: the recipe (512 Airbench, 128 FastResNet and Seed; --quick: 64).")]
    public int? BatchSize { get; init; }

    [CommandOption("--learning-rate <X>")]
    [Description("Initial (peak, for OneCycle) learning rate. Default: the recipe (0.75 at batch 512 Airbench, scaled with the batch size; 0.05 FastResNet; 0.001 Seed).")]
    public double? LearningRate { get; init; }

    [CommandOption("--optimizer <NAME>")]
    [Description("SgdNesterov, Adam or AdamW. Default: the recipe (SgdNesterov Airbench and FastResNet, Adam Seed).")]
    public OptimizerKind? Optimizer { get; init; }

    [CommandOption("--schedule <NAME>")]
    [Description("Learning-rate schedule: OneCycle, Cosine, Constant or ReduceOnPlateau. Default: the recipe (OneCycle Airbench and FastResNet, Constant Seed).")]
    public LearningRateScheduleKind? Schedule { get; init; }

    [CommandOption("--weight-decay <X>")]
    [Description("Weight decay. Default: the recipe (1.33e-3 Airbench, 5e-4 FastResNet, 0 Seed).")]
    public double? WeightDecay { get; init; }

    [CommandOption("--label-smoothing <X>")]
    [Description("Label smoothing of the training loss, from 0 up to (not including) 1. Default: the recipe (0.2 Airbench, 0.1 FastResNet, 0 Seed).")]
    public double? LabelSmoothing { get; init; }

    [CommandOption("--augment")]
    [Description("Random crops and flips on (the Airbench and FastResNet default).")]
    public bool Augment { get; init; }

    [CommandOption("--no-augment")]
    [Description("Random crops and flips off (the Seed default).")]
    public bool NoAugment { get; init; }

    [CommandOption("--validation-fraction <FRACTION>")]
    [Description("The part of the training images the trainer holds out for validation when the data has no val/ split. Default 0.1.")]
    public double? ValidationFraction { get; init; }

    [CommandOption("-t|--threads <N>")]
    [Description("CPU threads for libtorch. Default: one per core.")]
    public int? Threads { get; init; }

    [CommandOption("--device <NAME>")]
    [Description("Cpu (default), Cuda, or Auto (CUDA when available).")]
    public ComputeDevice? Device { get; init; }

    public override ValidationResult Validate()
    {
        ValidationResult data = base.Validate();
        if (!data.Successful)
            return data;
        if (Augment && NoAugment)
            return ValidationResult.Error("--augment and --no-augment contradict each other; give one.");
        if (NoEarlyStopping && (Patience is not null || MinDelta is not null || Monitor is not null || KeepLastWeights))
            return ValidationResult.Error("--no-early-stopping cannot be combined with --patience, --min-delta, --monitor or --keep-last-weights.");
        if (string.IsNullOrWhiteSpace(Output))
            return ValidationResult.Error("--output is empty; give the folder that receives the run folders.");
        return ValidationResult.Success();
    }
}
