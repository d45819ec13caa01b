using Microsoft.ML.EarlyStopping.Data;

namespace Microsoft.ML.EarlyStopping.Tests.Data;

[TestClass]
public sealed class CifarBinaryLoadTests
{
    private static readonly string[] TenNames = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"];

    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void TrainReadsEveryBatchInOrderWithLabelsAndPlanarPixels()
    {
        using var temp = new TempFolder();
        byte[][] batch1 = [CifarRecords.Make(3, 1), CifarRecords.Make(0, 2), CifarRecords.Make(9, 3)];
        byte[][] batch2 = [CifarRecords.Make(5, 4), CifarRecords.Make(3, 5)];
        CifarRecords.Write(temp.File("data_batch_1.bin"), batch1);
        CifarRecords.Write(temp.File("data_batch_2.bin"), batch2);
        CifarRecords.WriteMeta(temp.File("batches.meta.txt"), TenNames);

        CifarDataSet data = CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Train);

        byte[][] expected = [.. batch1, .. batch2];
        List<(string Label, float[] Features)> rows = DataViewRows.Read(data.Data);
        Assert.AreEqual(5L, data.Count);
        Assert.AreEqual(5L, data.Data.GetRowCount());
        Assert.HasCount(5, rows);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(TenNames[expected[i][0]], rows[i].Label, $"label of row {i}");
            CollectionAssert.AreEqual(CifarRecords.Features(expected[i]), rows[i].Features, $"pixels of row {i}");
        }

        Assert.IsEmpty(data.SkippedFiles);
    }

    [TestMethod]
    public void TestSplitReadsOnlyTestBatch()
    {
        using var temp = new TempFolder();
        CifarRecords.Write(temp.File("data_batch_1.bin"), CifarRecords.Make(1, 1));
        byte[] testRecord = CifarRecords.Make(7, 9);
        CifarRecords.Write(temp.File("test_batch.bin"), testRecord, testRecord);

        CifarDataSet data = CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Test);

        List<(string Label, float[] Features)> rows = DataViewRows.Read(data.Data);
        Assert.HasCount(2, rows);
        Assert.AreEqual("horse", rows[0].Label);
        CollectionAssert.AreEqual(CifarRecords.Features(testRecord), rows[1].Features);
    }

    [TestMethod]
    public void AcceptsTheParentOfCifar10BatchesBin()
    {
        using var temp = new TempFolder();
        string folder = temp.Folder("cifar-10-batches-bin");
        CifarRecords.Write(Path.Combine(folder, "test_batch.bin"), CifarRecords.Make(2, 1));

        CifarDataSet data = CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Test);

        Assert.AreEqual(1L, data.Count);
        Assert.AreEqual("bird", DataViewRows.Read(data.Data)[0].Label);
    }

    [TestMethod]
    public void ClassNamesComeFromBatchesMetaInLabelOrder()
    {
        using var temp = new TempFolder();
        CifarRecords.WriteMeta(temp.File("batches.meta.txt"), "zebra", "apple", "mango");
        CifarRecords.Write(temp.File("data_batch_1.bin"), CifarRecords.Make(0, 1), CifarRecords.Make(2, 2), CifarRecords.Make(1, 3));

        CifarDataSet data = CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Train);

        CollectionAssert.AreEqual(new[] { "zebra", "apple", "mango" }, data.ClassNames.ToArray());
        CollectionAssert.AreEqual(new[] { "zebra", "mango", "apple" }, DataViewRows.Read(data.Data).Select(row => row.Label).ToArray());
    }

    [TestMethod]
    public void WithoutBatchesMetaTheStandardNamesAreUsed()
    {
        using var temp = new TempFolder();
        CifarRecords.Write(temp.File("data_batch_1.bin"), CifarRecords.Make(9, 1), CifarRecords.Make(0, 2));

        CifarDataSet data = CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Train);

        CollectionAssert.AreEqual(CifarClassNames.Cifar10.ToArray(), data.ClassNames.ToArray());
        CollectionAssert.AreEqual(new[] { "truck", "airplane" }, DataViewRows.Read(data.Data).Select(row => row.Label).ToArray());
    }

    [TestMethod]
    public void ExplicitFilesAreReadInTheGivenOrderWithTheGivenClassNamesFile()
    {
        using var temp = new TempFolder();
        byte[] first = CifarRecords.Make(1, 1);
        byte[] second = CifarRecords.Make(0, 2);
        CifarRecords.Write(temp.File("a/x.bin"), first);
        CifarRecords.Write(temp.File("b/y.bin"), second);
        CifarRecords.WriteMeta(temp.File("names.txt"), "left", "right");

        CifarDataSet data = CifarData.LoadBinary(_mlContext, [temp.File("b/y.bin"), temp.File("a/x.bin")], temp.File("names.txt"));

        List<(string Label, float[] Features)> rows = DataViewRows.Read(data.Data);
        CollectionAssert.AreEqual(new[] { "left", "right" }, rows.Select(row => row.Label).ToArray());
        CollectionAssert.AreEqual(CifarRecords.Features(second), rows[0].Features);
        CollectionAssert.AreEqual(CifarRecords.Features(first), rows[1].Features);
    }

    [TestMethod]
    public void ExplicitFilesUseBatchesMetaBesideTheFirstFile()
    {
        using var temp = new TempFolder();
        CifarRecords.Write(temp.File("set/part.bin"), CifarRecords.Make(1, 1));
        CifarRecords.WriteMeta(temp.File("set/batches.meta.txt"), "yes", "no");

        CifarDataSet data = CifarData.LoadBinary(_mlContext, [temp.File("set/part.bin")]);

        CollectionAssert.AreEqual(new[] { "yes", "no" }, data.ClassNames.ToArray());
        Assert.AreEqual("no", DataViewRows.Read(data.Data)[0].Label);
    }

    [TestMethod]
    [DataRow(3072L, DisplayName = "one byte short")]
    [DataRow(3074L, DisplayName = "one byte long (CIFAR-100 record)")]
    [DataRow(3073L * 2 - 5, DisplayName = "truncated second record")]
    public void LengthNotAMultipleOfTheRecordIsRejectedNamingTheFile(long length)
    {
        using var temp = new TempFolder();
        string path = temp.File("data_batch_1.bin");
        File.WriteAllBytes(path, new byte[length]);

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Train));

        Assert.Contains(path, error.Message);
        Assert.Contains($"{length} bytes", error.Message);
        Assert.Contains("3073", error.Message);
    }

    [TestMethod]
    public void EmptyBinFileIsRejected()
    {
        using var temp = new TempFolder();
        string path = temp.File("test_batch.bin");
        File.WriteAllBytes(path, []);

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Test));

        Assert.Contains(path, error.Message);
        Assert.Contains("empty", error.Message);
    }

    [TestMethod]
    public void LabelWithoutAClassNameInBatchesMetaIsRejectedNamingFileAndRecord()
    {
        using var temp = new TempFolder();
        string path = temp.File("data_batch_1.bin");
        string meta = temp.File("batches.meta.txt");
        CifarRecords.WriteMeta(meta, "a", "b", "c");
        CifarRecords.Write(path, CifarRecords.Make(0, 1), CifarRecords.Make(2, 2), CifarRecords.Make(3, 3));

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Train));

        Assert.Contains(path, error.Message);
        Assert.Contains("Record 2", error.Message);
        Assert.Contains("label 3", error.Message);
        Assert.Contains(meta, error.Message);
    }

    [TestMethod]
    public void LabelOfTenOrMoreWithoutBatchesMetaIsRejected()
    {
        using var temp = new TempFolder();
        string path = temp.File("test_batch.bin");
        CifarRecords.Write(path, CifarRecords.Make(10, 1));

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Test));

        Assert.Contains(path, error.Message);
        Assert.Contains("Record 0", error.Message);
        Assert.Contains("standard CIFAR-10 class list", error.Message);
    }

    [TestMethod]
    public void TrainWithoutFirstBatchNamesTheMissingFileAndFolder()
    {
        using var temp = new TempFolder();
        CifarRecords.Write(temp.File("test_batch.bin"), CifarRecords.Make(1, 1));

        FileNotFoundException error = Assert.ThrowsExactly<FileNotFoundException>(() => CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Train));

        Assert.Contains("data_batch_1.bin", error.Message);
        Assert.Contains(temp.Path, error.Message);
        Assert.AreEqual(Path.Combine(temp.Path, "data_batch_1.bin"), error.FileName);
    }

    [TestMethod]
    public void GapInTrainBatchesNamesTheMissingBatch()
    {
        using var temp = new TempFolder();
        foreach (int batch in new[] { 1, 2, 4 })
        {
            CifarRecords.Write(temp.File($"data_batch_{batch}.bin"), CifarRecords.Make(1, batch));
        }

        FileNotFoundException error = Assert.ThrowsExactly<FileNotFoundException>(() => CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Train));

        Assert.Contains("data_batch_3.bin", error.Message);
        Assert.Contains(temp.Path, error.Message);
    }

    [TestMethod]
    public void MissingTestBatchNamesTheFileAndFolder()
    {
        using var temp = new TempFolder();
        CifarRecords.Write(temp.File("data_batch_1.bin"), CifarRecords.Make(1, 1));

        FileNotFoundException error = Assert.ThrowsExactly<FileNotFoundException>(() => CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Test));

        Assert.Contains("test_batch.bin", error.Message);
        Assert.Contains(temp.Path, error.Message);
    }

    [TestMethod]
    public void NonExistentFolderIsRejectedWithItsPath()
    {
        using var temp = new TempFolder();
        string missing = Path.Combine(temp.Path, "nowhere");

        DirectoryNotFoundException error = Assert.ThrowsExactly<DirectoryNotFoundException>(() => CifarData.LoadBinary(_mlContext, missing, CifarSplit.Train));

        Assert.Contains(missing, error.Message);
    }

    [TestMethod]
    public void AFilePassedAsTheFolderIsRejectedPointingToTheFileOverload()
    {
        using var temp = new TempFolder();
        string path = temp.File("data_batch_1.bin");
        CifarRecords.Write(path, CifarRecords.Make(1, 1));

        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(() => CifarData.LoadBinary(_mlContext, path, CifarSplit.Train));

        Assert.Contains(path, error.Message);
        Assert.Contains("list of .bin files", error.Message);
    }

    [TestMethod]
    public void ExplicitMissingBinFileIsNamed()
    {
        using var temp = new TempFolder();
        string present = temp.File("a.bin");
        CifarRecords.Write(present, CifarRecords.Make(1, 1));
        string missing = temp.File("b.bin");

        FileNotFoundException error = Assert.ThrowsExactly<FileNotFoundException>(() => CifarData.LoadBinary(_mlContext, [present, missing]));

        Assert.Contains(missing, error.Message);
    }

    [TestMethod]
    public void ExplicitMissingClassNamesFileIsNamed()
    {
        using var temp = new TempFolder();
        string present = temp.File("a.bin");
        CifarRecords.Write(present, CifarRecords.Make(1, 1));
        string missing = temp.File("names.txt");

        FileNotFoundException error = Assert.ThrowsExactly<FileNotFoundException>(() => CifarData.LoadBinary(_mlContext, [present], missing));

        Assert.Contains(missing, error.Message);
    }

    [TestMethod]
    public void EmptyListOfFilesIsRejected()
    {
        ArgumentException error = Assert.ThrowsExactly<ArgumentException>(() => CifarData.LoadBinary(_mlContext, Array.Empty<string>()));

        Assert.AreEqual("binFiles", error.ParamName);
    }

    [TestMethod]
    [DataRow("\n\n", "no class names", DisplayName = "blank")]
    [DataRow("cat\ndog\ncat\n", "'cat' more than once", DisplayName = "duplicate")]
    public void UnusableBatchesMetaIsRejectedNamingIt(string content, string expectedProblem)
    {
        using var temp = new TempFolder();
        string meta = temp.File("batches.meta.txt");
        File.WriteAllText(meta, content);
        CifarRecords.Write(temp.File("data_batch_1.bin"), CifarRecords.Make(0, 1));

        InvalidDataException error = Assert.ThrowsExactly<InvalidDataException>(() => CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Train));

        Assert.Contains(meta, error.Message);
        Assert.Contains(expectedProblem, error.Message);
    }
}
