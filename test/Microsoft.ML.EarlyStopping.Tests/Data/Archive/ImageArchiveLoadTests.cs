using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Data;
using SkiaSharp;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Archive;

[TestClass]
public sealed class ImageArchiveLoadTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void PngPixelsComeOutPlanarRedGreenBlueFrom0To255()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("only/image.png", TestImages.Png(32, 32, (x, y) => new SKColor((byte)(x * 8), (byte)(y * 8 + 3), (byte)(255 - x - y))))
            .WriteTo(temp);

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, archive);

        Assert.AreEqual(CifarArchiveFormat.ImageFolders, contents.Format);
        Assert.AreEqual(archive, contents.ArchivePath);
        CollectionAssert.AreEqual(new[] { CifarArchiveContents.RootSplit }, contents.Splits.Keys.ToArray());
        float[] features = DataViewRows.Read(contents[CifarArchiveContents.RootSplit].Data).Single().Features;
        Assert.HasCount(3072, features);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                int at = y * 32 + x;
                Assert.AreEqual(x * 8f, features[at], $"red at ({x}, {y})");
                Assert.AreEqual(y * 8f + 3, features[1024 + at], $"green at ({x}, {y})");
                Assert.AreEqual(255f - x - y, features[2048 + at], $"blue at ({x}, {y})");
            }
        }
    }

    [TestMethod]
    public void SplitFoldersBecomeSplitsWithOrdinalClassesAndRowsClassByClassInFileNameOrder()
    {
        using var temp = new TempFolder();
        var builder = new ArchiveBuilder();
        foreach (string split in new[] { "train", "test" })
        {
            // Added out of order on purpose: the archive's order must not decide the label or row order.
            foreach (string name in new[] { "b_cls", "a_cls", "A_cls" })
            {
                builder.File($"{split}/{name}/2.png", TestImages.Png(32, 32, (_, _) => SKColors.Red));
                builder.File($"{split}/{name}/10.png", TestImages.Png(32, 32, (_, _) => SKColors.Green));
                builder.File($"{split}/{name}/1.png", TestImages.Png(32, 32, (_, _) => SKColors.Blue));
            }
        }

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, builder.WriteTo(temp));

        CollectionAssert.AreEqual(new[] { "test", "train" }, contents.Splits.Keys.ToArray());
        foreach (CifarDataSet data in contents.Splits.Values)
        {
            CollectionAssert.AreEqual(new[] { "A_cls", "a_cls", "b_cls" }, data.ClassNames.ToArray());
            Assert.AreEqual(9L, data.Count);
            List<(string Label, float[] Features)> rows = DataViewRows.Read(data.Data);
            CollectionAssert.AreEqual(
                new[] { "A_cls", "A_cls", "A_cls", "a_cls", "a_cls", "a_cls", "b_cls", "b_cls", "b_cls" },
                rows.Select(row => row.Label).ToArray());
            // Ordinal file-name order is 1.png, 10.png, 2.png: blue, green, red.
            CollectionAssert.AreEqual(new[] { 0f, 0f, 255f }, rows.Take(3).Select(row => row.Features[0]).ToArray(), "red of the first class's rows");
            CollectionAssert.AreEqual(new[] { 255f, 0f, 0f }, rows.Take(3).Select(row => row.Features[2048]).ToArray(), "blue of the first class's rows");
        }
    }

    [TestMethod]
    public void SchemaIsExactlyThatOfLoadBinaryAndTheFeaturesTypeOfLoadImageFolder()
    {
        using var temp = new TempFolder();
        TestImages.WritePng(temp.File("folder/cls/a.png"), 32, 32, (_, _) => SKColors.Red);
        CifarRecords.Write(temp.File("bin/data_batch_1.bin"), CifarRecords.Make(0, 1));
        string archive = new ArchiveBuilder().File("cls/a.png", TestImages.Png(32, 32, (_, _) => SKColors.Red)).WriteTo(temp);

        DataViewSchema fromArchive = CifarData.LoadImageArchive(_mlContext, archive)[""].Data.Schema;
        DataViewSchema fromBinary = CifarData.LoadBinary(_mlContext, temp.Folder("bin"), CifarSplit.Train).Data.Schema;
        DataViewSchema fromFolder = CifarData.LoadImageFolder(_mlContext, temp.Folder("folder")).Data.Schema;

        CollectionAssert.AreEqual(fromBinary.Select(column => column.Name).ToArray(), fromArchive.Select(column => column.Name).ToArray());
        for (int i = 0; i < fromBinary.Count; i++)
        {
            Assert.AreEqual(fromBinary[i].Type, fromArchive[i].Type, $"type of column '{fromBinary[i].Name}' against LoadBinary");
        }

        Assert.AreEqual(fromFolder[CifarColumnNames.Label].Type, fromArchive[CifarColumnNames.Label].Type, "Label against LoadImageFolder");
        Assert.AreEqual(fromFolder[CifarColumnNames.Features].Type, fromArchive[CifarColumnNames.Features].Type, "Features against LoadImageFolder");
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3, 32, 32), fromArchive[CifarColumnNames.Features].Type);
    }

    [TestMethod]
    public void GrayscaleImagesGiveEqualRedGreenAndBlue()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder().File("cls/gray.png", TestImages.GrayPng(32, 32, 77)).WriteTo(temp);

        float[] features = DataViewRows.Read(CifarData.LoadImageArchive(_mlContext, archive)[""].Data).Single().Features;

        Assert.IsTrue(features.All(value => value == 77f), "every channel of a gray 77 image");
    }

    [TestMethod]
    [DataRow(96, 32, DisplayName = "wide: the middle third is kept")]
    [DataRow(32, 96, DisplayName = "tall: the middle third is kept")]
    public void OtherSizesAreScaledKeepingTheAspectRatioAndCroppedToTheCentre(int width, int height)
    {
        using var temp = new TempFolder();
        // Thirds along the long side: red, green, blue. IsoCrop keeps exactly the green third; stretching or padding would not.
        Func<int, int, SKColor> thirds = (x, y) => (width > height ? x : y) switch
        {
            < 32 => SKColors.Red,
            < 64 => SKColors.Lime,
            _ => SKColors.Blue,
        };
        string archive = new ArchiveBuilder().File("cls/long.png", TestImages.Png(width, height, thirds)).WriteTo(temp);

        float[] features = DataViewRows.Read(CifarData.LoadImageArchive(_mlContext, archive)[""].Data).Single().Features;

        Assert.HasCount(3072, features);
        // Away from the crop edges, where the cubic filter reaches two pixels into the cut-off thirds.
        for (int along = 2; along < 30; along++)
        {
            for (int across = 0; across < 32; across++)
            {
                int at = width > height ? across * 32 + along : along * 32 + across;
                Assert.AreEqual(0f, features[at], $"red at {along} along the long side");
                Assert.AreEqual(255f, features[1024 + at], $"green at {along} along the long side");
                Assert.AreEqual(0f, features[2048 + at], $"blue at {along} along the long side");
            }
        }
    }

    [TestMethod]
    public void WrapperFolderAndDotSlashNamesAreUnderstood()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .Folder("./")
            .Folder("./cifar/")
            .File("./cifar/train/cls/a.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .File("./cifar/test/cls/b.png", TestImages.Png(32, 32, (_, _) => SKColors.Blue))
            .WriteTo(temp);

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, archive);

        CollectionAssert.AreEqual(new[] { "test", "train" }, contents.Splits.Keys.ToArray());
        Assert.AreEqual(255f, DataViewRows.Read(contents["train"].Data).Single().Features[0], "red of train/cls/a.png");
        Assert.AreEqual(255f, DataViewRows.Read(contents["test"].Data).Single().Features[2048], "blue of test/cls/b.png");
    }

    [TestMethod]
    public void HiddenFilesMacOsMetadataOtherFilesAndRootFilesAreIgnored()
    {
        using var temp = new TempFolder();
        byte[] garbage = "not an image"u8.ToArray();
        string archive = new ArchiveBuilder()
            .File("train/cls/a.jpg", TestImages.Jpeg(32, 32, (_, _) => SKColors.Green))
            .File("train/cls/._a.jpg", garbage)
            .File("train/._cls", garbage)
            .File("._train", garbage)
            .File("__MACOSX/train/cls/._a.jpg", garbage)
            .File("train/.cache/x/y.png", garbage)
            .File(".DS_Store", garbage)
            .File("train/cls/notes.txt", garbage)
            .File("readme.png", garbage)
            .WriteTo(temp);

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, archive);

        CollectionAssert.AreEqual(new[] { "train" }, contents.Splits.Keys.ToArray());
        CollectionAssert.AreEqual(new[] { "cls" }, contents["train"].ClassNames.ToArray());
        Assert.AreEqual(1L, contents["train"].Count);
        Assert.IsEmpty(contents["train"].SkippedFiles);
    }

    [TestMethod]
    public void FoldersWithoutImagesBesideTheSplitsAreNoSplits()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("train/cls/a.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .File("docs/api/index.html", "<html/>"u8.ToArray())
            .Folder("notes/empty/")
            .WriteTo(temp);

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, archive);

        CollectionAssert.AreEqual(new[] { "train" }, contents.Splits.Keys.ToArray());
        CollectionAssert.AreEqual(new[] { "cls" }, contents["train"].ClassNames.ToArray());
    }

    [TestMethod]
    public void ALaterEntryWithTheSameNameReplacesTheEarlierOne()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("cls/a.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .File("cls/a.png", TestImages.Png(32, 32, (_, _) => SKColors.Blue))
            .WriteTo(temp);

        float[] features = DataViewRows.Read(CifarData.LoadImageArchive(_mlContext, archive)[""].Data).Single().Features;

        Assert.AreEqual(0f, features[0], "red of the replacing image");
        Assert.AreEqual(255f, features[2048], "blue of the replacing image");
    }

    [TestMethod]
    public void MaxImagesPerClassKeepsTheFirstEntriesOfEachClassFolderOfEachSplit()
    {
        using var temp = new TempFolder();
        var builder = new ArchiveBuilder();
        foreach (string split in new[] { "train", "test" })
        {
            foreach (string name in new[] { "x", "y" })
            {
                for (int i = 4; i >= 0; i--)
                {
                    byte level = (byte)(i * 10);
                    builder.File($"{split}/{name}/{i}.png", TestImages.Png(32, 32, (_, _) => new SKColor(level, level, level)));
                }
            }
        }

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, builder.WriteTo(temp), new ImageArchiveOptions { MaxImagesPerClass = 2 });

        foreach (CifarDataSet data in contents.Splits.Values)
        {
            Assert.AreEqual(4L, data.Count);
            List<(string Label, float[] Features)> rows = DataViewRows.Read(data.Data);
            CollectionAssert.AreEqual(new[] { "x", "x", "y", "y" }, rows.Select(row => row.Label).ToArray());
            // The archive lists 4.png and 3.png first; rows then follow file-name order.
            CollectionAssert.AreEqual(new[] { 30f, 40f, 30f, 40f }, rows.Select(row => row.Features[0]).ToArray());
        }
    }

    [TestMethod]
    public void OneDecodingThreadAndManyGiveTheSameRows()
    {
        using var temp = new TempFolder();
        var builder = new ArchiveBuilder();
        for (int i = 0; i < 60; i++)
        {
            int seed = i;
            builder.File($"c{i % 3}/{i:D3}.jpg", TestImages.Jpeg(32 + i % 5, 32, (x, y) => new SKColor((byte)(x * 7 + seed), (byte)(y * 5), (byte)(seed * 4))));
        }

        string archive = builder.WriteTo(temp);

        List<(string Label, float[] Features)> serial = DataViewRows.Read(
            CifarData.LoadImageArchive(_mlContext, archive, new ImageArchiveOptions { MaxDegreeOfParallelism = 1 })[""].Data);
        List<(string Label, float[] Features)> parallel = DataViewRows.Read(
            CifarData.LoadImageArchive(_mlContext, archive, new ImageArchiveOptions { MaxDegreeOfParallelism = 4 })[""].Data);

        Assert.HasCount(60, serial);
        Assert.HasCount(60, parallel);
        for (int i = 0; i < serial.Count; i++)
        {
            Assert.AreEqual(serial[i].Label, parallel[i].Label, $"label of row {i}");
            CollectionAssert.AreEqual(serial[i].Features, parallel[i].Features, $"pixels of row {i}");
        }
    }

    [TestMethod]
    public void AskingForAMissingSplitNamesTheSplitsThereAre()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder().File("train/cls/a.png", TestImages.Png(32, 32, (_, _) => SKColors.Red)).WriteTo(temp);
        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, archive);

        KeyNotFoundException error = Assert.ThrowsExactly<KeyNotFoundException>(() => contents["test"]);

        Assert.Contains("'test'", error.Message);
        Assert.Contains("'train'", error.Message);
        Assert.Contains(archive, error.Message);
    }

    [TestMethod]
    public void OptionsRefuseNonPositiveLimits()
    {
        var options = new ImageArchiveOptions();

        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => options.MaxImagesPerClass = 0);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => options.MaxDegreeOfParallelism = 0);
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => options.MaxDegreeOfParallelism = -2);
        Assert.IsNull(options.MaxImagesPerClass, "the default reads every image");
        Assert.AreEqual(-1, options.MaxDegreeOfParallelism, "the default uses every processor");
    }
}
