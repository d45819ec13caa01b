using CifarDemo.Data;
using Microsoft.ML.EarlyStopping.Data;

namespace CifarDemo.Tests.Data;

[TestClass]
public sealed class ArchiveExtractionCacheTests
{
    [TestMethod]
    public void ExtractsOnceAndReusesTheCopyWhileTheArchiveIsUnchanged()
    {
        using var temp = new TempFolder();
        string root = TestArchives.ImageRoot(temp, "images", perClass: 2, withTest: false);
        string archive = temp.File("images.tar.gz");
        TestArchives.Pack(root, archive);
        var cache = new ArchiveExtractionCache(temp.Folder("cache"));

        string first = cache.Extract(archive, progress: null, CancellationToken.None);
        string marker = Path.Combine(first, ArchiveExtractionCache.MarkerFileName);
        DateTime written = File.GetLastWriteTimeUtc(marker);
        string second = cache.Extract(archive, progress: null, CancellationToken.None);

        Assert.AreEqual(first, second);
        Assert.IsTrue(File.Exists(Path.Combine(first, "train", "cat", "000.png")));
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(marker), "the second call did not extract again");
        Assert.IsTrue(Path.GetFileName(first).StartsWith("images-", StringComparison.Ordinal), first);
    }

    [TestMethod]
    public void AChangedArchiveGetsItsOwnCopy()
    {
        using var temp = new TempFolder();
        string root = TestArchives.ImageRoot(temp, "images", perClass: 1, withTest: false);
        string archive = temp.File("images.tar.gz");
        TestArchives.Pack(root, archive);
        var cache = new ArchiveExtractionCache(temp.Folder("cache"));
        string before = cache.Extract(archive, null, CancellationToken.None);

        TestImages.WritePng(Path.Combine(root, "train", "cat", "001.png"), 32, 32);
        TestArchives.Pack(root, archive);
        File.SetLastWriteTimeUtc(archive, File.GetLastWriteTimeUtc(archive).AddMinutes(1));
        string after = cache.Extract(archive, null, CancellationToken.None);

        Assert.AreNotEqual(before, after);
        Assert.IsTrue(File.Exists(Path.Combine(after, "train", "cat", "001.png")));
    }

    [TestMethod]
    public void ACorruptArchiveLeavesNothingBehind()
    {
        using var temp = new TempFolder();
        string archive = temp.File("broken.tar.gz");
        File.WriteAllBytes(archive, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 9, 9, 9]);
        string cacheRoot = temp.Folder("cache");
        var cache = new ArchiveExtractionCache(cacheRoot);

        Assert.ThrowsExactly<TarGzExtractionException>(() => cache.Extract(archive, null, CancellationToken.None));

        Assert.IsFalse(Directory.EnumerateFileSystemEntries(cacheRoot).Any(), "no partial or complete copy");
        Assert.IsFalse(cache.IsCached(archive));
    }
}
