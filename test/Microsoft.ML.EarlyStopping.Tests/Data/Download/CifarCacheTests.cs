using Microsoft.ML.EarlyStopping.Data;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Download;

[TestClass]
public sealed class CifarCacheTests
{
    private const string Md5 = "0123456789abcdef0123456789abcdef";
    private static readonly Uri Url = new("http://127.0.0.1/cifar.tar.gz");

    [TestMethod]
    public void PublishKeepsAValidCopyThatIsAlreadyInPlace()
    {
        using var dir = new TestDirectory();
        var cache = NewCache(dir);
        Assert.IsTrue(cache.Publish(MarkedFolder(dir, "first", "winner"), Md5, Url));

        bool published = cache.Publish(MarkedFolder(dir, "second", "loser"), Md5, Url);

        Assert.IsFalse(published, "another download's valid copy is reused, not replaced");
        Assert.AreEqual("winner", File.ReadAllText(Path.Combine(cache.DataDirectory, "data_batch_1.bin")));
        Assert.IsTrue(Directory.Exists(dir.Combine("second", CifarCache.DataFolderName)), "the caller deletes its own unused copy");
    }

    [TestMethod]
    public void PublishReplacesAnInvalidCopyWithoutLeavingItAside()
    {
        using var dir = new TestDirectory();
        var cache = NewCache(dir);
        Directory.CreateDirectory(cache.DataDirectory);
        File.WriteAllText(Path.Combine(cache.DataDirectory, "data_batch_1.bin"), "unmarked leftover");

        bool published = cache.Publish(MarkedFolder(dir, "fresh", "fresh"), Md5, Url);

        Assert.IsTrue(published);
        Assert.AreEqual("fresh", File.ReadAllText(Path.Combine(cache.DataDirectory, "data_batch_1.bin")));
        CollectionAssert.AreEqual(new[] { CifarCache.DataFolderName }, Directory.GetFileSystemEntries(cache.Root).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public void AMarkerForAnotherArchiveDoesNotMakeTheCopyValid()
    {
        using var dir = new TestDirectory();
        var cache = NewCache(dir);
        cache.Publish(MarkedFolder(dir, "first", "content"), Md5, Url);

        Assert.IsTrue(cache.HasValidCopy(Md5.ToUpperInvariant(), new Uri("http://elsewhere/x.tar.gz")), "the MD5 identifies the archive");
        Assert.IsFalse(cache.HasValidCopy("ffffffffffffffffffffffffffffffff", Url));
        Assert.IsTrue(cache.HasValidCopy(null, Url), "without an MD5 the same URL is trusted");
        Assert.IsFalse(cache.HasValidCopy(null, new Uri("http://elsewhere/x.tar.gz")));
    }

    private static CifarCache NewCache(TestDirectory dir) => new(Directory.CreateDirectory(dir.Combine("cache")).FullName);

    private static string MarkedFolder(TestDirectory dir, string name, string content)
    {
        string folder = Directory.CreateDirectory(dir.Combine(name, CifarCache.DataFolderName)).FullName;
        File.WriteAllText(Path.Combine(folder, "batches.meta.txt"), "airplane\n");
        File.WriteAllText(Path.Combine(folder, "data_batch_1.bin"), content);
        CifarCacheMarker.Describe(folder, Url, Md5).Write(folder);
        return folder;
    }
}
