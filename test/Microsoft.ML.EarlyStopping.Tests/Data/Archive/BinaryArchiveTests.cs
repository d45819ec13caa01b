using Microsoft.ML.EarlyStopping.Data;
using SkiaSharp;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Archive;

/// <summary>Archives holding the official binary distribution's cifar-10-batches-bin folder.</summary>
[TestClass]
public sealed class BinaryArchiveTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void BatchesAreReadFromTheArchiveLikeLoadBinaryReadsThemFromDisk()
    {
        using var temp = new TempFolder();
        byte[] batch1 = Records((0, 1), (3, 2), (9, 3));
        byte[] batch2 = Records((5, 4), (5, 5));
        byte[] testBatch = Records((1, 6), (2, 7));
        byte[] meta = "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n\n"u8.ToArray();
        var files = new (string Name, byte[] Content)[]
        {
            ("batches.meta.txt", meta), ("data_batch_1.bin", batch1), ("data_batch_2.bin", batch2), ("test_batch.bin", testBatch),
        };
        var builder = new ArchiveBuilder().Folder("cifar-10-batches-bin/").File("cifar-10-batches-bin/readme.html", "<html/>"u8.ToArray());
        foreach ((string name, byte[] content) in files.Reverse())
        {
            builder.File($"cifar-10-batches-bin/{name}", content);
            File.WriteAllBytes(temp.File($"disk/{name}"), content);
        }

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, builder.WriteTo(temp));

        Assert.AreEqual(CifarArchiveFormat.Binary, contents.Format);
        CollectionAssert.AreEqual(new[] { "test", "train" }, contents.Splits.Keys.ToArray());
        foreach ((string split, CifarSplit cifarSplit) in new[] { ("train", CifarSplit.Train), ("test", CifarSplit.Test) })
        {
            CifarDataSet expected = CifarData.LoadBinary(_mlContext, temp.Folder("disk"), cifarSplit);
            CifarDataSet actual = contents[split];
            CollectionAssert.AreEqual(expected.ClassNames.ToArray(), actual.ClassNames.ToArray(), $"class names of {split}");
            Assert.AreEqual(expected.Count, actual.Count, $"rows of {split}");
            Assert.AreEqual(expected.Data.Schema[CifarColumnNames.Features].Type, actual.Data.Schema[CifarColumnNames.Features].Type);
            AssertSameRows(DataViewRows.Read(expected.Data), DataViewRows.Read(actual.Data), split);
        }

        Assert.AreEqual("three", DataViewRows.Read(contents["train"].Data)[1].Label, "record 2 of data_batch_1.bin has label 3");
    }

    [TestMethod]
    public void WithoutBatchesMetaTheStandardNamesAreUsedAndTheFolderMayBeNested()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("download/cifar-10-batches-bin/data_batch_1.bin", Records((7, 1)))
            .WriteTo(temp);

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, archive);

        CollectionAssert.AreEqual(new[] { "train" }, contents.Splits.Keys.ToArray());
        CollectionAssert.AreEqual(CifarClassNames.Cifar10.ToArray(), contents["train"].ClassNames.ToArray());
        Assert.AreEqual("horse", DataViewRows.Read(contents["train"].Data).Single().Label);
    }

    [TestMethod]
    public void OnlyATestBatchGivesOnlyTheTestSplit()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder().File("cifar-10-batches-bin/test_batch.bin", Records((1, 1), (2, 2))).WriteTo(temp);

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, archive);

        CollectionAssert.AreEqual(new[] { "test" }, contents.Splits.Keys.ToArray());
        Assert.AreEqual(2L, contents["test"].Count);
    }

    [TestMethod]
    public void MaxImagesPerClassKeepsTheFirstRecordsOfEachLabel()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("cifar-10-batches-bin/data_batch_1.bin", Records((0, 1), (1, 2), (0, 3), (0, 4)))
            .File("cifar-10-batches-bin/data_batch_2.bin", Records((1, 5), (1, 6), (2, 7)))
            .WriteTo(temp);

        CifarDataSet train = CifarData.LoadImageArchive(_mlContext, archive, new ImageArchiveOptions { MaxImagesPerClass = 2 })["train"];

        List<(string Label, float[] Features)> rows = DataViewRows.Read(train.Data);
        CollectionAssert.AreEqual(new[] { "airplane", "automobile", "airplane", "automobile", "bird" }, rows.Select(row => row.Label).ToArray());
        CollectionAssert.AreEqual(CifarRecords.Features(CifarRecords.Make(1, 5)), rows[3].Features, "the second automobile is record 1 of data_batch_2.bin");
    }

    [TestMethod]
    public void AMissingTrainingBatchBeforeAPresentOneFailsNamingIt()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("cifar-10-batches-bin/data_batch_1.bin", Records((0, 1)))
            .File("cifar-10-batches-bin/data_batch_3.bin", Records((0, 2)))
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.Contains("data_batch_2.bin", error.Message);
        Assert.Contains("data_batch_3.bin", error.Message);
        Assert.Contains(archive, error.Message);
    }

    [TestMethod]
    [DataRow(3073 * 2 + 5, "not a multiple", DisplayName = "truncated batch")]
    [DataRow(3074 * 2, "CIFAR-100", DisplayName = "CIFAR-100 records")]
    [DataRow(0, "empty", DisplayName = "empty batch")]
    public void ABatchThatIsNotWholeRecordsFailsNamingTheEntry(int length, string expectedProblem)
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder().File("cifar-10-batches-bin/data_batch_1.bin", new byte[length]).WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.AreEqual("cifar-10-batches-bin/data_batch_1.bin", error.EntryName);
        Assert.Contains("cifar-10-batches-bin/data_batch_1.bin", error.Message);
        Assert.Contains(archive, error.Message);
        Assert.Contains(expectedProblem, error.Message);
    }

    [TestMethod]
    public void ALabelWithoutAClassNameFailsNamingTheEntryAndRecord()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("cifar-10-batches-bin/batches.meta.txt", "a\nb\n"u8.ToArray())
            .File("cifar-10-batches-bin/test_batch.bin", Records((0, 1), (1, 2), (2, 3)))
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.AreEqual("cifar-10-batches-bin/test_batch.bin", error.EntryName);
        Assert.Contains("Record 2", error.Message);
        Assert.Contains("label 2", error.Message);
        Assert.Contains("batches.meta.txt", error.Message);
    }

    [TestMethod]
    public void AFolderWithoutBatchesFails()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("cifar-10-batches-bin/batches.meta.txt", "a\nb\n"u8.ToArray())
            .File("cifar-10-batches-bin/readme.html", "<html/>"u8.ToArray())
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.Contains("no CIFAR-10 batches", error.Message);
        Assert.Contains(archive, error.Message);
    }

    [TestMethod]
    public void BatchesTogetherWithImageFoldersAreRefusedAsAmbiguous()
    {
        using var temp = new TempFolder();
        string archive = new ArchiveBuilder()
            .File("cifar-10-batches-bin/data_batch_1.bin", Records((0, 1)))
            .File("train/cat/1.png", TestImages.Png(32, 32, (_, _) => SKColors.Red))
            .WriteTo(temp);

        CifarArchiveException error = Assert.ThrowsExactly<CifarArchiveException>(() => CifarData.LoadImageArchive(_mlContext, archive));

        Assert.Contains("train/cat/1.png", error.Message);
        Assert.Contains("cifar-10-batches-bin", error.Message);
    }

    private static byte[] Records(params (byte Label, int Seed)[] records) =>
        records.SelectMany(record => CifarRecords.Make(record.Label, record.Seed)).ToArray();

    private static void AssertSameRows(List<(string Label, float[] Features)> expected, List<(string Label, float[] Features)> actual, string split)
    {
        Assert.HasCount(expected.Count, actual);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.AreEqual(expected[i].Label, actual[i].Label, $"label of row {i} of {split}");
            CollectionAssert.AreEqual(expected[i].Features, actual[i].Features, $"pixels of row {i} of {split}");
        }
    }
}
