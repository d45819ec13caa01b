using System.Formats.Tar;
using System.Net;
using System.Net.Sockets;
using Microsoft.ML.EarlyStopping.Data;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Download;

[TestClass]
public sealed class CifarDownloaderTests
{
    private const string DataFolder = "cifar-10-batches-bin";
    private static readonly byte[] ArchiveA = TestArchives.CifarLike(seed: 1);
    private static readonly byte[] ArchiveB = TestArchives.CifarLike(seed: 2);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task DownloadsVerifiesExtractsAndReportsProgress()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Body(ArchiveA));
        var progress = new RecordingProgress<DownloadProgress>();
        CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));
        options.Progress = progress;

        string folder = await CifarDownloader.DownloadAsync(options, TestContext.CancellationToken);

        Assert.AreEqual(Path.Combine(options.CacheDirectory, DataFolder), folder);
        foreach ((string name, byte[] content) in TestArchives.ReadFiles(ArchiveA))
        {
            CollectionAssert.AreEqual(content, File.ReadAllBytes(Path.Combine(options.CacheDirectory, name)), name);
        }

        CollectionAssert.AreEqual(
            new[] { DataFolder, $"{DataFolder}/.download-complete.json", $"{DataFolder}/batches.meta.txt", $"{DataFolder}/data_batch_1.bin" },
            TestDirectory.Listing(options.CacheDirectory),
            "the data and its marker, and no temporaries");
        CollectionAssert.AreEqual(
            new[] { DownloadPhase.Downloading, DownloadPhase.Verifying, DownloadPhase.Extracting, DownloadPhase.Completed },
            Phases(progress));
        DownloadProgress lastDownload = progress.Reports.Last(report => report.Phase == DownloadPhase.Downloading);
        Assert.AreEqual(new DownloadProgress(DownloadPhase.Downloading, ArchiveA.Length, ArchiveA.Length), lastDownload);
        Assert.AreEqual(1.0, lastDownload.Fraction);
    }

    [TestMethod]
    public async Task SecondCallReusesTheVerifiedCacheWithoutARequest()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Body(ArchiveA));
        CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));
        string first = await CifarDownloader.DownloadAsync(options, TestContext.CancellationToken);
        var progress = new RecordingProgress<DownloadProgress>();
        options.Progress = progress;

        string second = await CifarDownloader.DownloadAsync(options, TestContext.CancellationToken);

        Assert.AreEqual(first, second);
        Assert.HasCount(1, server.Requests);
        CollectionAssert.AreEqual(new[] { DownloadPhase.Cached }, Phases(progress));
    }

    [TestMethod]
    public async Task SynchronousDownloadReturnsTheCacheFolder()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Body(ArchiveA));
        CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));

        string folder = CifarDownloader.Download(options, TestContext.CancellationToken);

        Assert.AreEqual(Path.Combine(options.CacheDirectory, DataFolder), folder);
        Assert.IsTrue(File.Exists(Path.Combine(folder, "data_batch_1.bin")));
    }

    [TestMethod]
    public async Task WrongChecksumDeletesTheDownloadAndNamesBothSums()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Body(ArchiveA));
        Uri url = server.UrlFor("cifar.tar.gz");
        CifarDownloadOptions options = Options(dir, url, TestArchives.Md5(ArchiveB).ToUpperInvariant());

        var error = await Assert.ThrowsExactlyAsync<CifarDownloadException>(
            () => CifarDownloader.DownloadAsync(options, TestContext.CancellationToken));

        Assert.AreEqual(CifarDownloadFailure.ChecksumMismatch, error.Failure);
        Assert.Contains(TestArchives.Md5(ArchiveA), error.Message, "the actual MD5");
        Assert.Contains(TestArchives.Md5(ArchiveB), error.Message, "the expected MD5");
        Assert.Contains(url.ToString(), error.Message);
        Assert.IsEmpty(TestDirectory.Listing(options.CacheDirectory), "no partial download or extraction is left");
    }

    [TestMethod]
    [DataRow(404, "Not Found")]
    [DataRow(500, "Internal Server Error")]
    public async Task HttpErrorStatusIsReportedWithTheUrl(int code, string reason)
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Status(code, reason));
        Uri url = server.UrlFor("missing.tar.gz");
        CifarDownloadOptions options = Options(dir, url, TestArchives.Md5(ArchiveA));

        var error = await Assert.ThrowsExactlyAsync<CifarDownloadException>(
            () => CifarDownloader.DownloadAsync(options, TestContext.CancellationToken));

        Assert.AreEqual(CifarDownloadFailure.HttpStatus, error.Failure);
        Assert.AreEqual((HttpStatusCode)code, error.StatusCode);
        Assert.Contains($"HTTP {code}", error.Message);
        Assert.Contains(url.ToString(), error.Message);
        Assert.IsEmpty(TestDirectory.Listing(options.CacheDirectory));
    }

    [TestMethod]
    public async Task RefusedConnectionFailsWithAdviceToUseLocalData()
    {
        using var dir = new TestDirectory();
        Uri url = new($"http://127.0.0.1:{UnusedPort()}/cifar-10-binary.tar.gz");
        CifarDownloadOptions options = Options(dir, url, CifarDownloadOptions.OfficialMd5);

        var error = await Assert.ThrowsExactlyAsync<CifarDownloadException>(
            () => CifarDownloader.DownloadAsync(options, TestContext.CancellationToken));

        Assert.AreEqual(CifarDownloadFailure.Network, error.Failure);
        Assert.AreEqual(url, error.Url);
        Assert.Contains(url.ToString(), error.Message);
        Assert.Contains(CifarDownloadException.LocalDataAdvice, error.Message);
        Assert.Contains("CifarData.LoadBinary", error.Message);
        Assert.Contains("--data PATH", error.Message);
        Assert.IsEmpty(TestDirectory.Listing(options.CacheDirectory));
    }

    [TestMethod]
    [DataRow("../evil.txt")]
    [DataRow("../../evil.txt")]
    [DataRow("absolute")]
    [DataRow("symlink")]
    public async Task ArchiveWithAnUnsafeEntryIsRejectedAndNothingIsWritten(string kind)
    {
        using var dir = new TestDirectory();
        string outside = dir.Combine("outside");
        string entryName = kind switch
        {
            "absolute" => Path.Combine(outside, "evil.txt"),
            "symlink" => $"{DataFolder}/link",
            _ => kind,
        };
        byte[] archive = TestArchives.Build(writer =>
        {
            TestArchives.WriteFile(writer, $"{DataFolder}/batches.meta.txt", TestArchives.MetaText());
            TestArchives.WriteFile(writer, $"{DataFolder}/data_batch_1.bin", TestArchives.RandomBytes(3, TestArchives.RecordSize));
            if (kind == "symlink")
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, entryName) { LinkName = outside });
            }
            else
            {
                TestArchives.WriteFile(writer, entryName, [6, 6, 6]);
            }
        });
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Body(archive));
        CifarDownloadOptions options = Options(dir, server.UrlFor("evil.tar.gz"), TestArchives.Md5(archive));

        var error = await Assert.ThrowsExactlyAsync<CifarDownloadException>(
            () => CifarDownloader.DownloadAsync(options, TestContext.CancellationToken));

        Assert.AreEqual(CifarDownloadFailure.InvalidArchive, error.Failure);
        var cause = Assert.IsInstanceOfType<TarGzExtractionException>(error.InnerException);
        Assert.AreEqual(entryName, cause.EntryName);
        Assert.Contains(entryName, error.Message);
        CollectionAssert.AreEqual(new[] { "cache" }, TestDirectory.Listing(dir.Path), "nothing outside the cache, nothing left inside it");
    }

    [TestMethod]
    public async Task ArchiveWithoutTheCifarFolderIsRejected()
    {
        using var dir = new TestDirectory();
        byte[] archive = TestArchives.Files(("train/cat/0001.jpg", [1, 2, 3]));
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Body(archive));
        CifarDownloadOptions options = Options(dir, server.UrlFor("images.tar.gz"), TestArchives.Md5(archive));

        var error = await Assert.ThrowsExactlyAsync<CifarDownloadException>(
            () => CifarDownloader.DownloadAsync(options, TestContext.CancellationToken));

        Assert.AreEqual(CifarDownloadFailure.InvalidArchive, error.Failure);
        Assert.Contains($"{DataFolder}/batches.meta.txt", error.Message);
        Assert.IsEmpty(TestDirectory.Listing(options.CacheDirectory));
    }

    [TestMethod]
    public async Task ConnectionDroppedMidBodyLeavesNothingBehind()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Truncated(ArchiveA, ArchiveA.Length / 2));
        CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));

        var error = await Assert.ThrowsExactlyAsync<CifarDownloadException>(
            () => CifarDownloader.DownloadAsync(options, TestContext.CancellationToken));

        Assert.AreEqual(CifarDownloadFailure.Network, error.Failure);
        Assert.IsEmpty(TestDirectory.Listing(options.CacheDirectory));
    }

    [TestMethod]
    public async Task CancellationMidDownloadLeavesNothingBehind()
    {
        using var dir = new TestDirectory();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Stall(ArchiveA, ArchiveA.Length / 2, stalled));
        CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);

        Task<string> download = CifarDownloader.DownloadAsync(options, cancellation.Token);
        await stalled.Task.WaitAsync(TestContext.CancellationToken);
        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => download);
        Assert.IsEmpty(TestDirectory.Listing(options.CacheDirectory));
    }

    [TestMethod]
    public async Task ServerThatGoesQuietTimesOut()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Stall(ArchiveA, ArchiveA.Length / 2));
        CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));
        options.StallTimeout = TimeSpan.FromMilliseconds(200);

        var error = await Assert.ThrowsExactlyAsync<CifarDownloadException>(
            () => CifarDownloader.DownloadAsync(options, TestContext.CancellationToken));

        Assert.AreEqual(CifarDownloadFailure.Timeout, error.Failure);
        Assert.Contains("nothing arrived", error.Message);
        Assert.IsEmpty(TestDirectory.Listing(options.CacheDirectory));
    }

    [TestMethod]
    public async Task DownloadThatOverrunsTheOverallTimeoutFails()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Stall(ArchiveA, ArchiveA.Length / 2));
        CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));
        options.Timeout = TimeSpan.FromMilliseconds(300);

        var error = await Assert.ThrowsExactlyAsync<CifarDownloadException>(
            () => CifarDownloader.DownloadAsync(options, TestContext.CancellationToken));

        Assert.AreEqual(CifarDownloadFailure.Timeout, error.Failure);
        Assert.Contains("CifarDownloadOptions.Timeout", error.Message);
        Assert.IsEmpty(TestDirectory.Listing(options.CacheDirectory));
    }

    [TestMethod]
    [DataRow("delete a data file")]
    [DataRow("truncate a data file")]
    [DataRow("delete the marker")]
    [DataRow("corrupt the marker")]
    public async Task DamagedCacheIsDownloadedAgain(string damage)
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Body(ArchiveA));
        CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));
        string folder = await CifarDownloader.DownloadAsync(options, TestContext.CancellationToken);
        string batch = Path.Combine(folder, "data_batch_1.bin");
        string marker = Path.Combine(folder, ".download-complete.json");
        switch (damage)
        {
            case "delete a data file": File.Delete(batch); break;
            case "truncate a data file": File.WriteAllBytes(batch, [1, 2, 3]); break;
            case "delete the marker": File.Delete(marker); break;
            default: File.WriteAllText(marker, "{ not json"); break;
        }

        string again = await CifarDownloader.DownloadAsync(options, TestContext.CancellationToken);

        Assert.AreEqual(folder, again);
        Assert.HasCount(2, server.Requests);
        CollectionAssert.AreEqual(TestArchives.ReadFiles(ArchiveA)[$"{DataFolder}/data_batch_1.bin"], File.ReadAllBytes(batch));
        CollectionAssert.AreEqual(
            new[] { DataFolder, $"{DataFolder}/.download-complete.json", $"{DataFolder}/batches.meta.txt", $"{DataFolder}/data_batch_1.bin" },
            TestDirectory.Listing(options.CacheDirectory));
    }

    [TestMethod]
    public async Task CacheOfAnotherArchiveIsReplaced()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(path => LoopbackHttpServer.Body(path == "/a.tar.gz" ? ArchiveA : ArchiveB));
        await CifarDownloader.DownloadAsync(Options(dir, server.UrlFor("a.tar.gz"), TestArchives.Md5(ArchiveA)), TestContext.CancellationToken);
        CifarDownloadOptions optionsB = Options(dir, server.UrlFor("b.tar.gz"), TestArchives.Md5(ArchiveB));

        string folder = await CifarDownloader.DownloadAsync(optionsB, TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { "/a.tar.gz", "/b.tar.gz" }, server.Requests.ToArray());
        CollectionAssert.AreEqual(
            TestArchives.ReadFiles(ArchiveB)[$"{DataFolder}/data_batch_1.bin"], File.ReadAllBytes(Path.Combine(folder, "data_batch_1.bin")));
        Assert.HasCount(4, TestDirectory.Listing(optionsB.CacheDirectory), "the old copy was not left aside");
    }

    [TestMethod]
    public async Task WithoutAnExpectedMd5TheCacheIsReusedOnlyForTheSameUrl()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(path => LoopbackHttpServer.Body(path == "/a.tar.gz" ? ArchiveA : ArchiveB));

        await CifarDownloader.DownloadAsync(Options(dir, server.UrlFor("a.tar.gz"), md5: null), TestContext.CancellationToken);
        await CifarDownloader.DownloadAsync(Options(dir, server.UrlFor("a.tar.gz"), md5: null), TestContext.CancellationToken);
        string folder = await CifarDownloader.DownloadAsync(Options(dir, server.UrlFor("b.tar.gz"), md5: null), TestContext.CancellationToken);

        CollectionAssert.AreEqual(new[] { "/a.tar.gz", "/b.tar.gz" }, server.Requests.ToArray());
        CollectionAssert.AreEqual(
            TestArchives.ReadFiles(ArchiveB)[$"{DataFolder}/data_batch_1.bin"], File.ReadAllBytes(Path.Combine(folder, "data_batch_1.bin")));
    }

    [TestMethod]
    public async Task ConcurrentDownloadsIntoOneCacheBothSucceed()
    {
        using var dir = new TestDirectory();
        var bothArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        LoopbackHttpServer? server = null;
        // Neither response starts until both requests are in, so the two downloads really overlap.
        server = new LoopbackHttpServer(_ => async (stream, token) =>
        {
            if (server!.Requests.Count >= 2)
            {
                bothArrived.TrySetResult();
            }

            await bothArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
            await LoopbackHttpServer.Body(ArchiveA)(stream, token);
        });
        await using (server)
        {
            CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));

            string[] folders = await Task.WhenAll(
                CifarDownloader.DownloadAsync(options, TestContext.CancellationToken),
                CifarDownloader.DownloadAsync(options, TestContext.CancellationToken));

            Assert.AreEqual(folders[0], folders[1]);
            Assert.HasCount(2, server.Requests);
            CollectionAssert.AreEqual(
                new[] { DataFolder, $"{DataFolder}/.download-complete.json", $"{DataFolder}/batches.meta.txt", $"{DataFolder}/data_batch_1.bin" },
                TestDirectory.Listing(options.CacheDirectory));
            CollectionAssert.AreEqual(
                TestArchives.ReadFiles(ArchiveA)[$"{DataFolder}/data_batch_1.bin"], File.ReadAllBytes(Path.Combine(folders[0], "data_batch_1.bin")));
        }
    }

    [TestMethod]
    public async Task ResponseWithoutContentLengthReportsAnUnknownTotal()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Body(ArchiveA, sendLength: false));
        var progress = new RecordingProgress<DownloadProgress>();
        CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));
        options.Progress = progress;

        await CifarDownloader.DownloadAsync(options, TestContext.CancellationToken);

        DownloadProgress first = progress.Reports[0];
        Assert.AreEqual(DownloadPhase.Downloading, first.Phase);
        Assert.IsNull(first.TotalBytes);
        Assert.IsNull(first.Fraction);
        Assert.AreEqual(DownloadPhase.Completed, progress.Reports[^1].Phase);
    }

    [TestMethod]
    public async Task TemporariesAbandonedLongAgoAreDeletedAndRecentOnesKept()
    {
        using var dir = new TestDirectory();
        await using var server = new LoopbackHttpServer(_ => LoopbackHttpServer.Body(ArchiveA));
        CifarDownloadOptions options = Options(dir, server.UrlFor("cifar.tar.gz"), TestArchives.Md5(ArchiveA));
        string cache = Directory.CreateDirectory(options.CacheDirectory).FullName;
        DateTime twoDaysAgo = DateTime.UtcNow.AddDays(-2);
        string oldPartial = Path.Combine(cache, "cifar-10-binary.tar.gz.partial-old");
        File.WriteAllBytes(oldPartial, [1]);
        File.SetLastWriteTimeUtc(oldPartial, twoDaysAgo);
        string oldExtract = Directory.CreateDirectory(Path.Combine(cache, ".extract-old", DataFolder)).Parent!.FullName;
        Directory.SetLastWriteTimeUtc(oldExtract, twoDaysAgo);
        Directory.CreateDirectory(Path.Combine(cache, ".stale-any"));
        File.WriteAllBytes(Path.Combine(cache, "cifar-10-binary.tar.gz.partial-running"), [1]);

        await CifarDownloader.DownloadAsync(options, TestContext.CancellationToken);

        string[] leftovers = [.. TestDirectory.Listing(cache).Where(name => !name.StartsWith(DataFolder, StringComparison.Ordinal))];
        CollectionAssert.AreEqual(new[] { "cifar-10-binary.tar.gz.partial-running" }, leftovers, "a recent temporary may belong to a running download");
    }

    private static CifarDownloadOptions Options(TestDirectory dir, Uri url, string? md5) => new()
    {
        Url = url,
        ExpectedMd5 = md5,
        CacheDirectory = dir.Combine("cache"),
        StallTimeout = TimeSpan.FromMinutes(1),
        Timeout = TimeSpan.FromMinutes(2),
    };

    private static DownloadPhase[] Phases(RecordingProgress<DownloadProgress> progress) =>
        [.. progress.Reports.Select(report => report.Phase).Distinct()];

    private static int UnusedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
