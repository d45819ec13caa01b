using System.ComponentModel;
using Microsoft.ML.EarlyStopping.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>Where the data comes from and how it is split: shared by train and evaluate.</summary>
internal class DataSettings : DemoSettings
{
    [CommandOption("-d|--data <PATH>")]
    [Description("A cifar-10-batches-bin folder, an image-folder root with train/ (and optional val/, test/), a folder of class folders, or a .tar.gz of any of these. Default: download CIFAR-10 into the cache.")]
    public string? Data { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("Where downloads and extracted archives are kept. Default: $CIFAR_CACHE, else ~/.cache/ml-earlystopping/cifar10 (see docs/download.md).")]
    public string? Cache { get; init; }

    [CommandOption("--test-fraction <FRACTION>")]
    [Description("When the data has no test split: the part of the training data held out (stratified, seeded) as the test set.")]
    [DefaultValue(0.1)]
    public double TestFraction { get; init; } = 0.1;

    [CommandOption("--max-per-class <N>")]
    [Description("Use at most N images per class in every set (training, validation, test). Default: all (--quick: 200).")]
    public int? MaxPerClass { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seeds the held-out test set, the caps, the validation split, the weights, shuffling and augmentation.")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    [CommandOption("--skip-corrupt-images")]
    [Description("Leave out images that cannot be decoded (they are listed) instead of failing.")]
    public bool SkipCorruptImages { get; init; }

    public string CacheDirectory => Cache ?? CifarDownloadOptions.DefaultCacheDirectory();

    public override ValidationResult Validate()
    {
        if (!(TestFraction > 0 && TestFraction < 1))
            return ValidationResult.Error($"--test-fraction must be between 0 and 1 (exclusive); got {TestFraction}.");
        if (MaxPerClass is < 1)
            return ValidationResult.Error($"--max-per-class must be at least 1; got {MaxPerClass}.");
        if (Data is not null && string.IsNullOrWhiteSpace(Data))
            return ValidationResult.Error("--data is empty; give a folder or a .tar.gz, or leave it out to download CIFAR-10.");
        return ValidationResult.Success();
    }
}
