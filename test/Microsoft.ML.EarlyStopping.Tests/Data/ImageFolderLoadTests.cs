using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Data;
using SkiaSharp;

namespace Microsoft.ML.EarlyStopping.Tests.Data;

[TestClass]
public sealed class ImageFolderLoadTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void PngPixelsComeOutPlanarRedGreenBlueFrom0To255()
    {
        using var temp = new TempFolder();
        TestImages.WritePng(temp.File("root/only/image.png"), 32, 32, (x, y) => new SKColor((byte)(x * 8), (byte)(y * 8 + 3), (byte)(255 - x - y)));

        CifarDataSet data = CifarData.LoadImageFolder(_mlContext, temp.Folder("root"));

        float[] features = DataViewRows.Read(data.Data).Single().Features;
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
    public void ClassesAreOrdinalSortedFolderNamesAndRowsGoClassByClass()
    {
        using var temp = new TempFolder();
        foreach (string name in new[] { "b_cls", "a_cls", "A_cls" })
        {
            TestImages.WritePng(temp.File($"root/{name}/2.png"), 32, 32, (_, _) => SKColors.Red);
            TestImages.WritePng(temp.File($"root/{name}/1.png"), 32, 32, (_, _) => SKColors.Blue);
        }

        CifarDataSet data = CifarData.LoadImageFolder(_mlContext, temp.Folder("root"));

        CollectionAssert.AreEqual(new[] { "A_cls", "a_cls", "b_cls" }, data.ClassNames.ToArray());
        CollectionAssert.AreEqual(
            new[] { "A_cls", "A_cls", "a_cls", "a_cls", "b_cls", "b_cls" },
            DataViewRows.Read(data.Data).Select(row => row.Label).ToArray());
        Assert.AreEqual(6L, data.Count);
        string[] paths = ReadPaths(data.Data);
        Assert.AreEqual(temp.File("root/A_cls/1.png"), paths[0]);
        Assert.AreEqual(temp.File("root/A_cls/2.png"), paths[1]);
    }

    [TestMethod]
    public void JpegBmpAndAnyExtensionCaseAreLoadedWhileOtherAndHiddenFilesAreIgnored()
    {
        using var temp = new TempFolder();
        TestImages.WriteJpeg(temp.File("root/cls/a.JPG"), 32, 32, (_, _) => SKColors.Green);
        TestImages.WriteJpeg(temp.File("root/cls/b.jpeg"), 32, 32, (_, _) => SKColors.Green);
        TestImages.WritePng(temp.File("root/cls/c.Png"), 32, 32, (_, _) => SKColors.Green);
        TestImages.WriteBmp(temp.File("root/cls/d.bmp"), 8, 8, new SKColor(200, 100, 50));
        File.WriteAllText(temp.File("root/cls/notes.txt"), "not an image");
        File.WriteAllText(temp.File("root/cls/._a.JPG"), "macOS metadata");
        File.WriteAllText(temp.File("root/readme.png"), "files beside the class folders are not classes");
        File.WriteAllText(temp.File("root/.cache/x.png"), "hidden folders are not classes");

        CifarDataSet data = CifarData.LoadImageFolder(_mlContext, temp.Folder("root"));

        CollectionAssert.AreEqual(new[] { "cls" }, data.ClassNames.ToArray());
        List<(string Label, float[] Features)> rows = DataViewRows.Read(data.Data);
        Assert.HasCount(4, rows);
        float[] bmp = rows[3].Features;
        Assert.IsTrue(bmp.Take(1024).All(value => value == 200f), "red plane of the BMP");
        Assert.IsTrue(bmp.Skip(1024).Take(1024).All(value => value == 100f), "green plane of the BMP");
        Assert.IsTrue(bmp.Skip(2048).All(value => value == 50f), "blue plane of the BMP");
    }

    [TestMethod]
    public void OtherSizesAreResizedTo32By32()
    {
        using var temp = new TempFolder();
        TestImages.WritePng(temp.File("root/cls/wide.png"), 70, 50, (_, _) => new SKColor(10, 200, 30));

        CifarDataSet data = CifarData.LoadImageFolder(_mlContext, temp.Folder("root"));

        float[] features = DataViewRows.Read(data.Data).Single().Features;
        Assert.HasCount(3072, features);
        Assert.IsTrue(features.Take(1024).All(value => value == 10f), "red plane");
        Assert.IsTrue(features.Skip(1024).Take(1024).All(value => value == 200f), "green plane");
        Assert.IsTrue(features.Skip(2048).All(value => value == 30f), "blue plane");
    }

    [TestMethod]
    public void GrayscaleImagesGiveEqualRedGreenAndBlue()
    {
        using var temp = new TempFolder();
        TestImages.WriteGrayPng(temp.File("root/cls/gray.png"), 32, 32, 77);

        CifarDataSet data = CifarData.LoadImageFolder(_mlContext, temp.Folder("root"));

        float[] features = DataViewRows.Read(data.Data).Single().Features;
        Assert.IsTrue(features.All(value => value == 77f), "every channel of a gray 77 image");
    }

    [TestMethod]
    public void ColumnsAreLabelImagePathAndFeaturesWithoutTheIntermediateImage()
    {
        using var temp = new TempFolder();
        TestImages.WritePng(temp.File("root/cls/a.png"), 32, 32, (_, _) => SKColors.Red);

        CifarDataSet data = CifarData.LoadImageFolder(_mlContext, temp.Folder("root"));

        string[] visible = data.Data.Schema.Where(column => !column.IsHidden).Select(column => column.Name).ToArray();
        CollectionAssert.AreEquivalent(new[] { "Label", "ImagePath", "Features" }, visible);
        Assert.AreEqual(TextDataViewType.Instance, data.Data.Schema["Label"].Type);
        Assert.AreEqual(new VectorDataViewType(NumberDataViewType.Single, 3, 32, 32), data.Data.Schema["Features"].Type);
    }

    [TestMethod]
    public void ScanPlusFeaturizerGivesTheSameRowsAsLoad()
    {
        using var temp = new TempFolder();
        TestImages.WriteJpeg(temp.File("root/x/a.jpg"), 40, 40, (x, y) => new SKColor((byte)(x * 6), (byte)(y * 6), 9));
        TestImages.WritePng(temp.File("root/y/b.png"), 32, 32, (x, y) => new SKColor(9, (byte)(x * 6), (byte)(y * 6)));

        CifarDataSet scanned = CifarData.ScanImageFolder(_mlContext, temp.Folder("root"));
        IDataView featurized = CifarData.CreateImageFeaturizer(_mlContext).Fit(scanned.Data).Transform(scanned.Data);
        CifarDataSet loaded = CifarData.LoadImageFolder(_mlContext, temp.Folder("root"));

        CollectionAssert.AreEquivalent(new[] { "Label", "ImagePath" }, scanned.Data.Schema.Select(column => column.Name).ToArray());
        Assert.AreEqual(2L, scanned.Count);
        List<(string Label, float[] Features)> expected = DataViewRows.Read(loaded.Data);
        List<(string Label, float[] Features)> actual = DataViewRows.Read(featurized);
        Assert.HasCount(2, actual);
        for (int i = 0; i < 2; i++)
        {
            Assert.AreEqual(expected[i].Label, actual[i].Label);
            CollectionAssert.AreEqual(expected[i].Features, actual[i].Features);
        }
    }

    [TestMethod]
    public void NonExistentRootIsRejectedWithItsPath()
    {
        using var temp = new TempFolder();
        string missing = Path.Combine(temp.Path, "nowhere");

        DirectoryNotFoundException error = Assert.ThrowsExactly<DirectoryNotFoundException>(() => CifarData.LoadImageFolder(_mlContext, missing));

        Assert.Contains(missing, error.Message);
    }

    [TestMethod]
    public void RootWithoutClassFoldersIsRejected()
    {
        using var temp = new TempFolder();
        TestImages.WritePng(temp.File("root/a.png"), 32, 32, (_, _) => SKColors.Red);

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => CifarData.LoadImageFolder(_mlContext, temp.Folder("root")));

        Assert.Contains(temp.Folder("root"), error.Message);
        Assert.Contains("no class folders", error.Message);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "empty folder")]
    [DataRow(true, DisplayName = "only non-image files")]
    public void ClassFolderWithoutImagesIsRejectedNamingIt(bool withOtherFiles)
    {
        using var temp = new TempFolder();
        TestImages.WritePng(temp.File("root/full/a.png"), 32, 32, (_, _) => SKColors.Red);
        string empty = temp.Folder("root/empty");
        if (withOtherFiles)
        {
            File.WriteAllText(Path.Combine(empty, "labels.csv"), "x");
        }

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => CifarData.LoadImageFolder(_mlContext, temp.Folder("root")));

        Assert.Contains(empty, error.Message);
        Assert.Contains("no images", error.Message);
    }

    [TestMethod]
    [DataRow("text.png", DisplayName = "text named .png")]
    [DataRow("empty.jpg", DisplayName = "empty file")]
    [DataRow("truncated.png", DisplayName = "truncated PNG")]
    [DataRow("truncated.jpg", DisplayName = "truncated JPEG")]
    public void CorruptImageIsRejectedAtLoadNamingTheFile(string corruptName)
    {
        using var temp = new TempFolder();
        TestImages.WritePng(temp.File("root/cls/good.png"), 32, 32, (_, _) => SKColors.Red);
        string corrupt = WriteCorrupt(temp, $"root/cls/{corruptName}");

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => CifarData.LoadImageFolder(_mlContext, temp.Folder("root")));

        Assert.Contains(corrupt, error.Message);
        Assert.Contains(nameof(ImageFolderOptions.SkipCorruptImages), error.Message);
    }

    [TestMethod]
    public void SkipCorruptImagesLeavesThemOutAndListsThem()
    {
        using var temp = new TempFolder();
        TestImages.WritePng(temp.File("root/a/good.png"), 32, 32, (_, _) => SKColors.Red);
        TestImages.WritePng(temp.File("root/b/good.png"), 32, 32, (_, _) => SKColors.Blue);
        string text = WriteCorrupt(temp, "root/a/text.png");
        string truncated = WriteCorrupt(temp, "root/b/truncated.jpg");

        CifarDataSet data = CifarData.LoadImageFolder(_mlContext, temp.Folder("root"), new ImageFolderOptions { SkipCorruptImages = true });

        CollectionAssert.AreEquivalent(new[] { text, truncated }, data.SkippedFiles.ToArray());
        Assert.AreEqual(2L, data.Count);
        CollectionAssert.AreEqual(new[] { "a", "b" }, DataViewRows.Read(data.Data).Select(row => row.Label).ToArray());
    }

    [TestMethod]
    public void SkippingEveryImageOfAClassIsRejected()
    {
        using var temp = new TempFolder();
        TestImages.WritePng(temp.File("root/a/good.png"), 32, 32, (_, _) => SKColors.Red);
        WriteCorrupt(temp, "root/b/text.png");

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(
            () => CifarData.LoadImageFolder(_mlContext, temp.Folder("root"), new ImageFolderOptions { SkipCorruptImages = true }));

        Assert.Contains(temp.Folder("root/b"), error.Message);
    }

    [TestMethod]
    public void WithoutValidationACorruptImageOnlyFailsWhenItsRowIsRead()
    {
        using var temp = new TempFolder();
        TestImages.WritePng(temp.File("root/cls/good.png"), 32, 32, (_, _) => SKColors.Red);
        WriteCorrupt(temp, "root/cls/text.png");

        CifarDataSet data = CifarData.LoadImageFolder(_mlContext, temp.Folder("root"), new ImageFolderOptions { ValidateImages = false });

        Assert.AreEqual(2L, data.Count);
        Assert.Throws<Exception>(() => DataViewRows.Read(data.Data));
    }

    private static string[] ReadPaths(IDataView data) =>
        data.GetColumn<ReadOnlyMemory<char>>(data.Schema["ImagePath"]).Select(path => path.ToString()).ToArray();

    private static string WriteCorrupt(TempFolder temp, string relativePath)
    {
        string path = temp.File(relativePath);
        switch (Path.GetFileNameWithoutExtension(path))
        {
            case "text":
                File.WriteAllText(path, "this is not an image");
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "truncated":
                string whole = path + ".whole";
                Action<string, int, int, Func<int, int, SKColor>> write = Path.GetExtension(path) == ".png" ? TestImages.WritePng : TestImages.WriteJpeg;
                write(whole, 32, 32, (x, y) => new SKColor((byte)(x * 8), (byte)(y * 8), (byte)(x ^ y)));
                byte[] bytes = File.ReadAllBytes(whole);
                File.Delete(whole);
                File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
                break;
            default:
                throw new ArgumentException($"Unknown corrupt file kind in '{relativePath}'.", nameof(relativePath));
        }

        return path;
    }
}
