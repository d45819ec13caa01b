using System.ComponentModel;
using Microsoft.ML.EarlyStopping.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace CifarDemo.Cli;

/// <summary>Options of the download verb.</summary>
internal sealed class DownloadSettings : DemoSettings
{
    [CommandOption("--cache <DIR>")]
    [Description("Where the data is kept. Default: $CIFAR_CACHE, else ~/.cache/ml-earlystopping/cifar10 (see docs/download.md).")]
    public string? Cache { get; init; }

    [CommandOption("--url <URL>")]
    [Description("Download from a mirror instead of the official address (give its --md5 too).")]
    public string? Url { get; init; }

    [CommandOption("--md5 <HEX>")]
    [Description("The MD5 the archive must have. Default: the official archive's.")]
    public string? Md5 { get; init; }

    public string CacheDirectory => Cache ?? CifarDownloadOptions.DefaultCacheDirectory();

    public override ValidationResult Validate()
    {
        if (Url is not null && (!Uri.TryCreate(Url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            return ValidationResult.Error($"--url must be an absolute http or https address; got '{Url}'.");
        if (Md5 is not null && (Md5.Length != 32 || !Md5.All(char.IsAsciiHexDigit)))
            return ValidationResult.Error($"--md5 must be 32 hexadecimal digits; got '{Md5}'.");
        if (Url is not null && Md5 is null)
            return ValidationResult.Error("--url needs --md5: the downloaded archive is always verified.");
        return ValidationResult.Success();
    }
}
