using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.ML.EarlyStopping.Data;
using Microsoft.ML.EarlyStopping.Tests.Data.Download;
using SkiaSharp;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Archive;

/// <summary>Bad archives fail with a message naming the archive and, when one is to blame, the entry.</summary>
[TestClass]
public sealed class ImageArchiveErrorTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void NonExistentArchiveIsAFileNotFoundExceptionNamingIt()
    {
        using var temp = new TempFolder();
        string missing = Path.Combine(temp.Path, "nowhere.tar.gz");

        FileNotFoundException error = Assert.ThrowsExactly<FileNotFoundException>(() => CifarData.LoadImageArchive(_mlContext, missing));

        Assert.AreEqual(missing, error.FileName);
        Assert.Contains(missing, error.Message);
    }

    [TestMethod]
    public void AFolderIsNotAnArchiveAndTheMessageSaysWhatToUseInstead()
    {
        using var temp = new TempFolder();

        FileNotFoundException error = Assert.ThrowsExactly<FileNotFoundException>(() => CifarData.LoadImageArchive(_mlContext, temp.Path));

        Assert.Contains(temp.Path, error.Message);
        Assert.Contains("LoadImageFolder", error.Message);
    }

    [TestMethod]
    [DataRow(new byte[0], "it is empty", DisplayName = "empty file")]
    [DataRow(new byte[] { (byte)'P', (byte)'K', 3, 4 }, "0x504B", DisplayName = "zip file")]
    public void AFileThatIsNotGzipIsRefusedWithWhatItStartsWith(byte[] content, string expectedDescription)
    {
        using var temp = new TempFolder();
        string archive = temp.File("data.tar.gz");
        File.WriteAllBytes(archive, content);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.AreEqual(archive, error.ArchivePath);
        Assert.Contains(archive, error.Message);
        Assert.Contains("not gzip", error.Message);
        Assert.Contains(expectedDescription, error.Message);
    }

    [TestMethod]
    public void ATruncatedArchiveIsRefusedNamingIt()
    {
        using var temp = new TempFolder();
        var builder = new ArchiveBuilder();
        for (int i = 0; i < 20; i++)
        {
            int seed = i;
            builder.File($"cls/{i}.png", TestImages.Png(32, 32, (x, y) => new SKColor((byte)(x * seed), (byte)(y * 3 + seed), (byte)(x ^ y))));
        }

        byte[] whole = builder.Build();
        string archive = temp.File("cut.tar.gz");
        File.WriteAllBytes(archive, whole[..(whole.Length / 2)]);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.AreEqual(archive, error.ArchivePath);
        Assert.Contains(archive, error.Message);
        Assert.Contains("truncated or corrupt", error.Message);
    }

    [TestMethod]
    public void AnArchiveCutOffBetweenTwoEntriesIsRefusedThoughEveryEntryItHoldsIsWhole()
    {
        using var temp = new TempFolder();
        using var tar = new MemoryStream();
        long boundary;
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            TestArchives.WriteFile(writer, "cls/1.png", TestImages.Png(32, 32, (_, _) => SKColors.Red));
            boundary = tar.Position;
            TestArchives.WriteFile(writer, "cls/2.png", TestImages.Png(32, 32, (_, _) => SKColors.Blue));
        }

        // A download that stopped right after the first entry, compressed whole: gzip itself is intact.
        string archive = temp.File("cut.tar.gz");
        using (var gzip = new GZipStream(File.Create(archive), CompressionLevel.Fastest))
        {
            gzip.Write(tar.ToArray().AsSpan(0, (int)boundary));
        }

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.AreEqual(archive, error.ArchivePath);
        Assert.Contains(archive, error.Message);
        Assert.Contains("after the entry 'cls/1.png'", error.Message);
        Assert.Contains("truncated or corrupt", error.Message);
    }

    [TestMethod]
    public void AnArchiveWhoseGzipChecksumDoesNotMatchIsRefused()
    {
        using var temp = new TempFolder();
        byte[] bytes = new ArchiveBuilder().File("cls/1.png", TestImages.Png(32, 32, (_, _) => SKColors.Red)).Build();
        bytes[^8] ^= 0xFF; // The first byte of the CRC-32 in the gzip trailer: every entry still reads fine.
        string archive = temp.File("crc.tar.gz");
        File.WriteAllBytes(archive, bytes);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.Contains(archive, error.Message);
        Assert.Contains("truncated or corrupt", error.Message);
    }

    [TestMethod]
    public void GzipThatIsNotATarArchiveIsRefusedNamingIt()
    {
        using var temp = new TempFolder();
        string archive = temp.File("data.tar.gz");
        using (var gzip = new GZipStream(File.Create(archive), CompressionLevel.Fastest))
        {
            gzip.Write(Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 + 7)).ToArray());
        }

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.AreEqual(archive, error.ArchivePath);
        Assert.Contains(archive, error.Message);
    }

    [TestMethod]
    [DataRow("../evil.png", "'..'")]
    [DataRow("train/../../evil.png", "'..'")]
    [DataRow("train/cls/../../../evil.png", "'..'")]
    [DataRow("/tmp/evil/cls/evil.png", "absolute")]
    public void EscapingAndAbsoluteEntryNamesAreRefusedNamingTheEntry(string entryName, string expectedReason)
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("train/cls/ok.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .File(entryName, TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.AreEqual(entryName, error.EntryName);
        Assert.AreEqual(archive, error.ArchivePath);
        Assert.Contains(entryName, error.Message);
        Assert.Contains(archive, error.Message);
        Assert.Contains(expectedReason, error.Message);
    }

    [TestMethod]
    [DataRow(TarEntryType.SymbolicLink, "link")]
    [DataRow(TarEntryType.HardLink, "link")]
    [DataRow(TarEntryType.Fifo, "special file")]
    [DataRow(TarEntryType.CharacterDevice, "special file")]
    public void LinksAndSpecialFilesAreRefusedNamingTheEntry(TarEntryType type, string expectedReason)
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("train/cls/ok.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .Entry(type, "train/cls/escape.png", linkName: type is TarEntryType.SymbolicLink or TarEntryType.HardLink ? "/etc/passwd" : null)
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.AreEqual("train/cls/escape.png", error.EntryName);
        Assert.Contains("train/cls/escape.png", error.Message);
        Assert.Contains(archive, error.Message);
        Assert.Contains(expectedReason, error.Message);
    }

    [TestMethod]
    [DataRow("garbage", DisplayName = "not an image")]
    [DataRow("truncated", DisplayName = "truncated JPEG")]
    [DataRow("empty", DisplayName = "empty entry")]
    public void ACorruptImageFailsTheLoadNamingTheArchiveAndTheEntry(string corruption)
    {
        using var temp = new TempFolder();
        byte[] jpeg = TestImages.Jpeg(32, 32, (x, y) => new SKColor((byte)(x * 8), (byte)(y * 8), 100));
        byte[] bad = corruption switch
        {
            "garbage" => "definitely not a JPEG"u8.ToArray(),
            "truncated" => jpeg[..(jpeg.Length / 2)],
            _ => [],
        };
        string archive = new ArchiveBuilder()
            .File("train/cls/0001.jpg", jpeg)
            .File("train/cls/0002.jpg", bad)
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.AreEqual("train/cls/0002.jpg", error.EntryName);
        Assert.AreEqual(archive, error.ArchivePath);
        Assert.Contains("train/cls/0002.jpg", error.Message);
        Assert.Contains(archive, error.Message);
        Assert.Contains(nameof(ImageArchiveOptions.SkipCorruptImages), error.Message);
    }

    [TestMethod]
    public void SkipCorruptImagesLeavesThemOutAndListsTheirEntryNames()
    {
        using var temp = new TempFolder();
        byte[] good = TestImages.Png(32, 32, (_, _) => SKColors.Red);
        string archive = new ArchiveBuilder()
            .File("train/a/1.png", good)
            .File("train/a/2.png", "corrupt"u8.ToArray())
            .File("train/b/1.png", good)
            .File("train/b/3.png", good[..40])
            .File("test/a/1.png", good)
            .File("test/b/1.png", good)
            .WriteTo(temp);

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, archive, new ImageArchiveOptions { SkipCorruptImages = true });

        Assert.AreEqual(2L, contents["train"].Count);
        CollectionAssert.AreEqual(new[] { "train/a/2.png", "train/b/3.png" }, contents["train"].SkippedFiles.ToArray());
        Assert.HasCount(2, DataViewRows.Read(contents["train"].Data));
        Assert.IsEmpty(contents["test"].SkippedFiles);
    }

    [TestMethod]
    public void AClassFolderWhoseImagesAreAllCorruptFailsEvenWhenSkipping()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("a/1.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .File("b/1.png", "corrupt"u8.ToArray())
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(
            () => CifarData.LoadImageArchive(_mlContext, archive, new ImageArchiveOptions { SkipCorruptImages = true }));

        Assert.Contains("'b'", error.Message);
        Assert.Contains("corrupt", error.Message);
        Assert.Contains(archive, error.Message);
    }

    [TestMethod]
    public void AnEmptyClassFolderFailsNamingIt()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("train/a/1.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .Folder("train/empty/")
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.Contains("'train/empty'", error.Message);
        Assert.Contains("no images", error.Message);
        Assert.Contains(archive, error.Message);
    }

    [TestMethod]
    public void AClassFolderWithOnlyOtherFilesFailsSayingTheyAreIgnored()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("a/1.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .File("b/notes.txt", "text"u8.ToArray())
            .File("b/data.csv", "text"u8.ToArray())
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.Contains("'b'", error.Message);
        Assert.Contains("2 other files are ignored", error.Message);
    }

    [TestMethod]
    public void AnArchiveWithoutClassFoldersFailsSayingWhatWasExpected()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("readme.txt", "text"u8.ToArray())
            .File("cover.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .File("._hidden/x.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.Contains(archive, error.Message);
        Assert.Contains("no images in class folders", error.Message);
        Assert.Contains("<split>/<class>/<image>", error.Message);
    }

    [TestMethod]
    public void SplitsWithDifferentClassFoldersFailNamingTheDifference()
    {
        using var temp = new TempFolder();
        byte[] png = TestImages.Png(32, 32, (_, _) => SKColors.Red);
        string archive = new ArchiveBuilder()
            .File("train/cat/1.png", png)
            .File("train/dog/1.png", png)
            .File("test/cat/1.png", png)
            .File("test/frog/1.png", png)
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.Contains(archive, error.Message);
        Assert.Contains("'dog'", error.Message);
        Assert.Contains("'frog'", error.Message);
    }

    [TestMethod]
    public void ImagesAtDifferentDepthsFailNamingAnExampleOfEach()
    {
        using var temp = new TempFolder();
        byte[] png = TestImages.Png(32, 32, (_, _) => SKColors.Red);
        string archive = new ArchiveBuilder()
            .File("cat/1.png", png)
            .File("train/dog/1.png", png)
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.Contains("'cat/1.png'", error.Message);
        Assert.Contains("'train/dog/1.png'", error.Message);
        Assert.Contains("different folder depths", error.Message);
    }

    [TestMethod]
    public void ImagesFourDeepUnderTwoTopFoldersFail()
    {
        using var temp = new TempFolder();
        byte[] png = TestImages.Png(32, 32, (_, _) => SKColors.Red);
        string archive = new ArchiveBuilder()
            .File("one/train/cat/1.png", png)
            .File("two/train/cat/1.png", png)
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.Contains("'one'", error.Message);
        Assert.Contains("'two'", error.Message);
    }
}
