using Microsoft.ML.EarlyStopping.Data;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Download;

[TestClass]
public sealed class CifarDownloadOptionsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void DefaultsAreTheOfficialArchiveAndItsPublishedMd5()
    {
        var options = new CifarDownloadOptions();

        // The values the issue fixes: the authors' archive and the MD5 published beside it.
        Assert.AreEqual("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", options.Url.AbsoluteUri);
        Assert.AreEqual("c32a1d4ab5d03f1284b67883e8d87530", options.ExpectedMd5);
        Assert.AreEqual(CifarDownloadOptions.DefaultCacheDirectory(), options.CacheDirectory);
        Assert.IsNull(options.HttpClient);
        Assert.IsTrue(options.ConnectTimeout < options.StallTimeout && options.StallTimeout < options.Timeout);
    }

    [TestMethod]
    [DataRow("/data/cifar", "/xdg", "/data/cifar", DisplayName = "CIFAR_CACHE wins")]
    [DataRow(null, "/xdg", "/xdg/ml-earlystopping/cifar10", DisplayName = "then XDG_CACHE_HOME")]
    [DataRow(null, "relative/xdg", "/home/user/.cache/ml-earlystopping/cifar10", DisplayName = "a relative XDG_CACHE_HOME is ignored")]
    [DataRow("", null, "/home/user/.cache/ml-earlystopping/cifar10", DisplayName = "then the home folder")]
    public void CacheDirectoryFollowsTheEnvironment(string? cifarCache, string? xdgCache, string expected)
    {
        var environment = new Dictionary<string, string?> { ["CIFAR_CACHE"] = cifarCache, ["XDG_CACHE_HOME"] = xdgCache };

        string resolved = CifarDownloadOptions.ResolveCacheDirectory(name => environment.GetValueOrDefault(name), "/home/user");

        Assert.AreEqual(Path.GetFullPath(expected), resolved);
    }

    [TestMethod]
    [DataRow("Url", DisplayName = "an ftp address")]
    [DataRow("ExpectedMd5", DisplayName = "an MD5 that is not 32 hex digits")]
    [DataRow("CacheDirectory", DisplayName = "an empty cache folder")]
    [DataRow("StallTimeout", DisplayName = "a zero timeout")]
    public async Task InvalidOptionsAreRejectedNamingTheOption(string option)
    {
        var options = new CifarDownloadOptions { CacheDirectory = Path.Combine(Path.GetTempPath(), "es-download-tests", "never-created") };
        switch (option)
        {
            case "Url": options.Url = new Uri("ftp://example.org/cifar.tar.gz"); break;
            case "ExpectedMd5": options.ExpectedMd5 = "c32a1d4ab5d03f1284b67883e8d8753z"; break;
            case "CacheDirectory": options.CacheDirectory = " "; break;
            default: options.StallTimeout = TimeSpan.Zero; break;
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => CifarDownloader.DownloadAsync(options, TestContext.CancellationToken));

        Assert.AreEqual(option, error.ParamName);
        Assert.Contains($"CifarDownloadOptions.{option}", error.Message);
        Assert.IsFalse(Directory.Exists(options.CacheDirectory), "nothing is created for invalid options");
    }
}
