using System.Globalization;
using CifarDemo.Cli;
using Microsoft.ML;
using Microsoft.ML.EarlyStopping;
using Microsoft.ML.EarlyStopping.Training;

namespace CifarDemo.Training;

/// <summary>Turns the train verb's options into trainer options: unset values keep the trainer's defaults or the architecture's recipe.</summary>
internal static class TrainerOptionsFactory
{
    /// <exception cref="DemoUsageException">The trainer rejects a value or a combination; the message names the option.</exception>
    public static CifarCnnTrainer.Options Create(TrainSettings settings, IDataView? validationSet)
    {
        var options = new CifarCnnTrainer.Options
        {
            Seed = settings.Seed,
            ValidationSet = validationSet,
            Optimizer = settings.Optimizer,
            LearningRate = settings.LearningRate,
            WeightDecay = settings.WeightDecay,
            LearningRateSchedule = settings.Schedule,
            LabelSmoothing = settings.LabelSmoothing,
            Augment = settings.Augment ? true : settings.NoAugment ? false : null,
            NumberOfThreads = settings.Threads,
            EarlyStopping = settings.NoEarlyStopping ? null : new EarlyStoppingOptions(),
        };
        if (settings.Architecture is CifarArchitecture architecture)
            options.Architecture = architecture;
        if ((settings.Width ?? (settings.Quick ? QuickProfile.NetworkWidth : null)) is int width)
            options.NetworkWidth = width;
        if ((settings.MaxEpochs ?? (settings.Quick ? QuickProfile.MaxEpochs : null)) is int epochs)
            options.MaxEpochs = epochs;
        if ((settings.BatchSize ?? (settings.Quick ? QuickProfile.BatchSize : null)) is int batch)
            options.BatchSize = batch;
        if (settings.ValidationFraction is double fraction)
            options.ValidationFraction = fraction;
        if (settings.Device is ComputeDevice device)
            options.Device = device;
        if (options.EarlyStopping is EarlyStoppingOptions stopping)
        {
            if (settings.Patience is int patience)
                stopping.Patience = patience;
            if (settings.MinDelta is double delta)
                stopping.MinDelta = delta;
            if (settings.Monitor is EarlyStoppingMetric metric)
                stopping.Metric = metric;
            stopping.RestoreBestWeights = !settings.KeepLastWeights;
        }

        try
        {
            // The trainer checks every option when it is created; doing it now fails bad values before any data is read.
            _ = new MLContext(settings.Seed).MulticlassClassification.Trainers.CifarCnn(options);
        }
        catch (ArgumentException ex)
        {
            throw new DemoUsageException(ToCommandLine(ex), ex);
        }
        return options;
    }

    /// <summary>The settings as name and value for the console and the report; "recipe" marks a value the architecture's recipe decides.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(CifarCnnTrainer.Options options, TrainSettings settings)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        string recipe = $"{options.Architecture} recipe";
        var rows = new List<KeyValuePair<string, string>>
        {
            new("architecture", options.Architecture switch
            {
                CifarArchitecture.Seed => "Seed (the original notebook's network)",
                CifarArchitecture.Airbench => $"Airbench (whitened convolution groups after airbench94), width {options.NetworkWidth?.ToString(inv) ?? "64 (recipe)"}",
                _ => $"{options.Architecture}, width {options.NetworkWidth?.ToString(inv) ?? "16 (recipe)"}",
            }),
            new("epochs", $"up to {options.MaxEpochs?.ToString(inv) ?? recipe}"),
            new("early stopping", options.EarlyStopping is { } es
                ? string.Create(inv, $"{es.Metric}, patience {es.Patience}, min delta {es.MinDelta}, {(es.RestoreBestWeights ? "restore the best epoch's weights" : "keep the last weights")}")
                : "off (train every epoch, keep the last weights)"),
            new("batch size", options.BatchSize?.ToString(inv) ?? recipe),
            new("optimizer", options.Optimizer?.ToString() ?? recipe),
            new("learning rate", options.LearningRate?.ToString("G4", inv) ?? recipe),
            new("schedule", options.LearningRateSchedule?.ToString() ?? recipe),
            new("weight decay", options.WeightDecay?.ToString("G4", inv) ?? recipe),
            new("label smoothing", options.LabelSmoothing?.ToString("G4", inv) ?? recipe),
            new("augmentation", options.Augment is bool augment ? (augment ? "crops and flips" : "off") : recipe),
            new("seed", settings.Seed.ToString(inv)),
            new("device", options.Device + (options.NumberOfThreads is int t ? string.Create(inv, $", {t} threads") : "")),
        };
        if (settings.Quick)
            rows.Insert(0, new("profile", "--quick (a small smoke run)"));
        if ((settings.MaxPerClass ?? (settings.Quick ? QuickProfile.MaxPerClass : null)) is int max)
            rows.Add(new("images per class", string.Create(inv, $"at most {max} in every set")));
        return rows;
    }

    // The trainer names its option properties (e.g. NetworkWidth); say which command-line option that is.
    private static string ToCommandLine(ArgumentException ex)
    {
        string? option = ex.ParamName switch
        {
            "NetworkWidth" => "--width",
            "MaxEpochs" => "--max-epochs",
            "BatchSize" => "--batch-size",
            "LearningRate" => "--learning-rate",
            "WeightDecay" => "--weight-decay",
            "LabelSmoothing" => "--label-smoothing",
            "ValidationFraction" => "--validation-fraction",
            "NumberOfThreads" => "--threads",
            "Patience" => "--patience",
            "MinDelta" => "--min-delta",
            "Metric" or "Direction" or "EarlyStopping" => "--monitor",
            "PlateauPatience" => "--patience",
            _ => null,
        };
        string message = FirstLine(ex.Message);
        return option is null ? message : $"{option}: {message}";
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOf(" (Parameter", StringComparison.Ordinal);
        return end > 0 ? text[..end] : text;
    }
}
