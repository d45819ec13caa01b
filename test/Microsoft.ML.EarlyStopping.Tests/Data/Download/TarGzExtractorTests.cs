using System.Formats.Tar;
using System.Text;
using Microsoft.ML.EarlyStopping.Data;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Download;

[TestClass]
public sealed class TarGzExtractorTests
{
    [TestMethod]
    public void ExtractsImageFolderTreeWithIdenticalContent()
    {
        using var dir = new TestDirectory();
        byte[] archive = TestArchives.Build(writer =>
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "train/"));
            for (int label = 0; label < TestArchives.ClassNames.Length; label++)
            {
                for (int i = 0; i < 5; i++)
                {
                    string name = $"train/{TestArchives.ClassNames[label]}/{i:D4}.jpg";
                    TestArchives.WriteFile(writer, name, TestArchives.RandomBytes((label * 100) + i, 200 + (label * 37) + i));
                }
            }
        });
        string archivePath = dir.Combine("images.tar.gz");
        File.WriteAllBytes(archivePath, archive);
        var progress = new RecordingProgress<long>();

        TarGzExtractionSummary summary = TarGzExtractor.Extract(archivePath, dir.Combine("out"), progress);

        Dictionary<string, byte[]> expected = TestArchives.ReadFiles(archive);
        Assert.HasCount(50, expected, "the test archive itself");
        foreach ((string name, byte[] content) in expected)
        {
            string extracted = dir.Combine("out", name);
            Assert.IsTrue(File.Exists(extracted), $"'{name}' was not extracted");
            CollectionAssert.AreEqual(content, File.ReadAllBytes(extracted), $"content of '{name}'");
        }

        string[] extractedFiles = Directory.GetFiles(dir.Combine("out"), "*", SearchOption.AllDirectories);
        Assert.HasCount(expected.Count, extractedFiles);
        Assert.AreEqual(expected.Count, summary.FileCount);
        Assert.AreEqual(expected.Values.Sum(content => (long)content.Length), summary.TotalBytes);
        Assert.AreEqual(1 + 1 + TestArchives.ClassNames.Length, summary.DirectoryCount, "out, train and one folder per class");
        Assert.AreEqual(archive.Length, progress.Reports[^1], "the last progress report is the archive's size");
    }

    [TestMethod]
    public void DotSlashPrefixedNamesExtractUnderTheTarget()
    {
        using var dir = new TestDirectory();
        string archivePath = Write(dir, TestArchives.Build(writer =>
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "./"));
            TestArchives.WriteFile(writer, "./a/./b.txt", [1, 2, 3]);
        }));

        TarGzExtractor.Extract(archivePath, dir.Combine("out"));

        CollectionAssert.AreEqual(new[] { "a", "a/b.txt" }, TestDirectory.Listing(dir.Combine("out")));
    }

    [TestMethod]
    [DataRow("../evil.txt")]
    [DataRow("sub/../../evil.txt")]
    [DataRow("sub/../evil.txt")]
    public void RefusesNamesWithDotDotAndRemovesWhatItWrote(string entryName)
    {
        using var dir = new TestDirectory();
        string archivePath = Write(dir, TestArchives.Files(("first/ok.txt", [1]), (entryName, [6, 6, 6])));

        var error = Assert.ThrowsExactly<TarGzExtractionException>(() => TarGzExtractor.Extract(archivePath, dir.Combine("out")));

        Assert.AreEqual(entryName, error.EntryName);
        Assert.AreEqual(archivePath, error.ArchivePath);
        Assert.Contains(entryName, error.Message);
        CollectionAssert.AreEqual(new[] { "archive.tar.gz" }, TestDirectory.Listing(dir.Path), "nothing outside, and the target is rolled back");
    }

    [TestMethod]
    public void RefusesAbsolutePaths()
    {
        using var dir = new TestDirectory();
        string outside = dir.Combine("outside", "evil.txt");
        string archivePath = Write(dir, TestArchives.Files(("ok.txt", [1]), (outside, [6])));

        var error = Assert.ThrowsExactly<TarGzExtractionException>(() => TarGzExtractor.Extract(archivePath, dir.Combine("out")));

        Assert.AreEqual(outside, error.EntryName);
        Assert.Contains("absolute", error.Message);
        CollectionAssert.AreEqual(new[] { "archive.tar.gz" }, TestDirectory.Listing(dir.Path));
    }

    [TestMethod]
    [DataRow(TarEntryType.SymbolicLink)]
    [DataRow(TarEntryType.HardLink)]
    public void RefusesLinks(TarEntryType linkType)
    {
        using var dir = new TestDirectory();
        string outsideFolder = Directory.CreateDirectory(dir.Combine("outside")).FullName;
        string archivePath = Write(dir, TestArchives.Build(writer =>
        {
            writer.WriteEntry(new PaxTarEntry(linkType, "escape") { LinkName = outsideFolder });
            TestArchives.WriteFile(writer, "escape/evil.txt", [6]);
        }));

        var error = Assert.ThrowsExactly<TarGzExtractionException>(() => TarGzExtractor.Extract(archivePath, dir.Combine("out")));

        Assert.AreEqual("escape", error.EntryName);
        Assert.Contains("link", error.Message);
        Assert.IsEmpty(TestDirectory.Listing(outsideFolder));
        Assert.IsFalse(Directory.Exists(dir.Combine("out")), "the target this call created is removed again");
    }

    [TestMethod]
    [DataRow(TarEntryType.Fifo)]
    [DataRow(TarEntryType.CharacterDevice)]
    [DataRow(TarEntryType.BlockDevice)]
    public void RefusesSpecialFiles(TarEntryType type)
    {
        using var dir = new TestDirectory();
        string archivePath = Write(dir, TestArchives.Build(writer => writer.WriteEntry(new PaxTarEntry(type, "special"))));

        var error = Assert.ThrowsExactly<TarGzExtractionException>(() => TarGzExtractor.Extract(archivePath, dir.Combine("out")));

        Assert.AreEqual("special", error.EntryName);
        Assert.Contains(type.ToString(), error.Message);
        Assert.IsFalse(Directory.Exists(dir.Combine("out")));
    }

    [TestMethod]
    public void DoesNotWriteThroughALinkAlreadyInTheTarget()
    {
        using var dir = new TestDirectory();
        string outsideFolder = Directory.CreateDirectory(dir.Combine("outside")).FullName;
        Directory.CreateDirectory(dir.Combine("out"));
        Directory.CreateSymbolicLink(dir.Combine("out", "sub"), outsideFolder);
        string archivePath = Write(dir, TestArchives.Files(("sub/evil.txt", [6])));

        var error = Assert.ThrowsExactly<TarGzExtractionException>(() => TarGzExtractor.Extract(archivePath, dir.Combine("out")));

        Assert.AreEqual("sub/evil.txt", error.EntryName);
        Assert.Contains("link", error.Message);
        Assert.IsEmpty(TestDirectory.Listing(outsideFolder));
    }

    [TestMethod]
    public void DoesNotReplaceAFileThatExistedBefore()
    {
        using var dir = new TestDirectory();
        Directory.CreateDirectory(dir.Combine("out"));
        File.WriteAllText(dir.Combine("out", "b.txt"), "original");
        string archivePath = Write(dir, TestArchives.Files(("a.txt", [1]), ("b.txt", [2])));

        var error = Assert.ThrowsExactly<TarGzExtractionException>(() => TarGzExtractor.Extract(archivePath, dir.Combine("out")));

        Assert.AreEqual("b.txt", error.EntryName);
        Assert.AreEqual("original", File.ReadAllText(dir.Combine("out", "b.txt")));
        CollectionAssert.AreEqual(new[] { "b.txt" }, TestDirectory.Listing(dir.Combine("out")), "a.txt, written by the failed call, is removed");
    }

    [TestMethod]
    public void MergesIntoAnExistingFolderAndKeepsItsFiles()
    {
        using var dir = new TestDirectory();
        Directory.CreateDirectory(dir.Combine("out", "train"));
        File.WriteAllText(dir.Combine("out", "keep.txt"), "mine");
        string archivePath = Write(dir, TestArchives.Files(("train/cat/1.jpg", [1, 2])));

        TarGzExtractionSummary summary = TarGzExtractor.Extract(archivePath, dir.Combine("out"));

        CollectionAssert.AreEqual(new[] { "keep.txt", "train", "train/cat", "train/cat/1.jpg" }, TestDirectory.Listing(dir.Combine("out")));
        Assert.AreEqual("mine", File.ReadAllText(dir.Combine("out", "keep.txt")));
        Assert.AreEqual(1, summary.DirectoryCount, "only train/cat was created");
    }

    [TestMethod]
    public void ALaterEntryWithTheSameNameWins()
    {
        using var dir = new TestDirectory();
        string archivePath = Write(dir, TestArchives.Files(("a.txt", [1]), ("a.txt", [2, 2])));

        TarGzExtractionSummary summary = TarGzExtractor.Extract(archivePath, dir.Combine("out"));

        CollectionAssert.AreEqual(new byte[] { 2, 2 }, File.ReadAllBytes(dir.Combine("out", "a.txt")));
        Assert.AreEqual(1, summary.FileCount);
    }

    [TestMethod]
    public void TruncatedArchiveIsReportedWithItsPathAndRolledBack()
    {
        using var dir = new TestDirectory();
        byte[] whole = TestArchives.Files(
            ("a.bin", TestArchives.RandomBytes(1, 50_000)), ("b.bin", TestArchives.RandomBytes(2, 50_000)));
        string archivePath = Write(dir, whole[..(whole.Length * 3 / 4)]);

        var error = Assert.ThrowsExactly<TarGzExtractionException>(() => TarGzExtractor.Extract(archivePath, dir.Combine("out")));

        Assert.AreEqual(archivePath, error.ArchivePath);
        Assert.Contains(archivePath, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.IsFalse(Directory.Exists(dir.Combine("out")));
    }

    [TestMethod]
    public void FileThatIsNotGzipIsRefused()
    {
        using var dir = new TestDirectory();
        string archivePath = Write(dir, Encoding.ASCII.GetBytes("<html>not an archive</html>"));

        var error = Assert.ThrowsExactly<TarGzExtractionException>(() => TarGzExtractor.Extract(archivePath, dir.Combine("out")));

        Assert.Contains("not gzip", error.Message);
        Assert.IsFalse(Directory.Exists(dir.Combine("out")));
    }

    [TestMethod]
    public void MissingArchiveIsNamed()
    {
        using var dir = new TestDirectory();
        string missing = dir.Combine("missing.tar.gz");

        var error = Assert.ThrowsExactly<FileNotFoundException>(() => TarGzExtractor.Extract(missing, dir.Combine("out")));

        Assert.Contains(missing, error.Message);
    }

    [TestMethod]
    public void CancellationDuringExtractionRemovesWhatWasWritten()
    {
        using var dir = new TestDirectory();
        // Incompressible files, so the compressed position passes the 1 MiB progress step after a few entries.
        string archivePath = Write(dir, TestArchives.Files(
            [.. Enumerable.Range(0, 6).Select(i => ($"part{i}.bin", TestArchives.RandomBytes(i, 600_000)))]));
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress<long>(_ => cancellation.Cancel());

        Assert.ThrowsExactly<OperationCanceledException>(
            () => TarGzExtractor.Extract(archivePath, dir.Combine("out"), progress, cancellation.Token));

        Assert.HasCount(1, progress.Reports, "cancelled at the first report");
        Assert.IsFalse(Directory.Exists(dir.Combine("out")));
    }

    private static string Write(TestDirectory dir, byte[] archive)
    {
        string path = dir.Combine("archive.tar.gz");
        File.WriteAllBytes(path, archive);
        return path;
    }
}
