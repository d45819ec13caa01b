namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Options for <see cref="CifarDownloader"/>. Every default is the one documented on its property.</summary>
public sealed class CifarDownloadOptions
{
    /// <summary>The name of the environment variable that, when set, gives the default <see cref="CacheDirectory"/>.</summary>
    public const string CacheDirectoryVariable = "CIFAR_CACHE";

    /// <summary>The MD5 the CIFAR-10 authors publish for <see cref="OfficialUrl"/>: <c>c32a1d4ab5d03f1284b67883e8d87530</c>.</summary>
    public const string OfficialMd5 = "c32a1d4ab5d03f1284b67883e8d87530";

    /// <summary>The official binary-format archive: <c>https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz</c>.</summary>
    public static Uri OfficialUrl { get; } = new("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");

    /// <summary>The http or https address of the archive. Default: <see cref="OfficialUrl"/>.</summary>
    public Uri Url { get; set; } = OfficialUrl;

    /// <summary>
    /// The MD5 the downloaded archive must have, as 32 hexadecimal digits (case ignored). Default: <see cref="OfficialMd5"/>.
    /// A mismatch deletes the download and throws. Set it to the MD5 of your mirror's archive when you change <see cref="Url"/>;
    /// set it to <see langword="null"/> only to skip verification on purpose (the cache is then reused only for the same <see cref="Url"/>).
    /// </summary>
    public string? ExpectedMd5 { get; set; } = OfficialMd5;

    /// <summary>
    /// The folder that holds the extracted <c>cifar-10-batches-bin</c> folder. Default: the <c>CIFAR_CACHE</c> environment
    /// variable when set; otherwise <c>$XDG_CACHE_HOME/ml-earlystopping/cifar10</c> when <c>XDG_CACHE_HOME</c> is set;
    /// otherwise <c>~/.cache/ml-earlystopping/cifar10</c>. Evaluated when the options object is created.
    /// </summary>
    public string CacheDirectory { get; set; } = DefaultCacheDirectory();

    /// <summary>
    /// How long to wait for the TCP connection, so that an offline machine fails fast. Default: 10 seconds.
    /// Applies only when <see cref="HttpClient"/> is <see langword="null"/>; an injected client keeps its own handler settings.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for the response headers and for each next piece of the body before giving up. Default: 60 seconds.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest the whole call (download, verification and extraction) may take. Default: 30 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The client to download with, or <see langword="null"/> (default) to create one for the call that honours
    /// <see cref="ConnectTimeout"/> and does not decompress the body. An injected client is not disposed.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Receives progress reports on the downloading thread, or <see langword="null"/> (default) for none.</summary>
    public IProgress<DownloadProgress>? Progress { get; set; }

    /// <summary>The cache folder used when <see cref="CacheDirectory"/> is not set, following the rules documented on it.</summary>
    /// <returns>An absolute folder path.</returns>
    public static string DefaultCacheDirectory() =>
        ResolveCacheDirectory(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static string ResolveCacheDirectory(Func<string, string?> environment, string userProfile)
    {
        string? explicitCache = environment(CacheDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(explicitCache))
        {
            return Path.GetFullPath(explicitCache);
        }

        string? xdgCache = environment("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        string cacheRoot = !string.IsNullOrWhiteSpace(xdgCache) && Path.IsPathRooted(xdgCache)
            ? xdgCache
            : Path.Combine(string.IsNullOrEmpty(userProfile) ? Path.GetTempPath() : userProfile, ".cache");
        return Path.GetFullPath(Path.Combine(cacheRoot, "ml-earlystopping", "cifar10"));
    }

    internal void Validate()
    {
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"{nameof(CifarDownloadOptions)}.{nameof(Url)} must be an absolute http or https address; got '{Url}'.", nameof(Url));
        }

        if (ExpectedMd5 is not null && (ExpectedMd5.Length != 32 || !ExpectedMd5.All(char.IsAsciiHexDigit)))
        {
            throw new ArgumentException(
                $"{nameof(CifarDownloadOptions)}.{nameof(ExpectedMd5)} must be 32 hexadecimal digits or null; got '{ExpectedMd5}'.", nameof(ExpectedMd5));
        }

        if (string.IsNullOrWhiteSpace(CacheDirectory))
        {
            throw new ArgumentException(
                $"{nameof(CifarDownloadOptions)}.{nameof(CacheDirectory)} must name a folder; it is empty.", nameof(CacheDirectory));
        }

        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        RequirePositive(StallTimeout, nameof(StallTimeout));
        RequirePositive(Timeout, nameof(Timeout));
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(
                name, value, $"{nameof(CifarDownloadOptions)}.{name} must be positive (or Timeout.InfiniteTimeSpan); got {value}.");
        }
    }
}
