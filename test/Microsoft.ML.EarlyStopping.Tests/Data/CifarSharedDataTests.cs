using Microsoft.ML.EarlyStopping.Data;

namespace Microsoft.ML.EarlyStopping.Tests.Data;

/// <summary>The readers on the real CIFAR-10 samples in ../shared/data (see <see cref="SharedData"/>).</summary>
[TestClass]
public sealed class CifarSharedDataTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void BinarySampleHas100RecordsPerClassWithTheOfficialNames()
    {
        CifarDataSet data = CifarData.LoadBinary(_mlContext, SharedData.BinarySampleFolder, CifarSplit.Train);

        List<(string Label, float[] Features)> rows = DataViewRows.Read(data.Data);
        Assert.AreEqual(1000L, data.Count);
        Assert.HasCount(1000, rows);
        CollectionAssert.AreEqual(CifarClassNames.Cifar10.ToArray(), data.ClassNames.ToArray());
        foreach (string className in data.ClassNames)
        {
            Assert.AreEqual(100, rows.Count(row => row.Label == className), $"records of class '{className}'");
        }

        AssertPixelsAreImages(rows);
    }

    [TestMethod]
    public void BinarySampleFeaturesAreTheRecordBytesInFileOrder()
    {
        string folder = SharedData.BinarySampleFolder;
        byte[] file = File.ReadAllBytes(Path.Combine(folder, "data_batch_1.bin"));

        List<(string Label, float[] Features)> rows = DataViewRows.Read(CifarData.LoadBinary(_mlContext, folder, CifarSplit.Train).Data);

        foreach (int record in new[] { 0, 1, 499, 999 })
        {
            byte[] bytes = file[(record * 3073)..((record + 1) * 3073)];
            Assert.AreEqual(CifarClassNames.Cifar10[bytes[0]], rows[record].Label, $"label of record {record}");
            CollectionAssert.AreEqual(CifarRecords.Features(bytes), rows[record].Features, $"pixels of record {record}");
        }
    }

    [TestMethod]
    public void BinarySampleReadTwiceGivesIdenticalRows()
    {
        IDataView data = CifarData.LoadBinary(_mlContext, SharedData.BinarySampleFolder, CifarSplit.Train).Data;

        AssertSameRows(DataViewRows.Read(data), DataViewRows.Read(data));
    }

    [TestMethod]
    [DataRow("train", 100)]
    [DataRow("val", 20)]
    public void MiniImageFoldersHaveTheExpectedCountPerClass(string split, int perClass)
    {
        string root = split == "train" ? SharedData.MiniTrainFolder : SharedData.MiniValFolder;

        CifarDataSet data = CifarData.LoadImageFolder(_mlContext, root);

        List<(string Label, float[] Features)> rows = DataViewRows.Read(data.Data);
        CollectionAssert.AreEqual(CifarClassNames.Cifar10.ToArray(), data.ClassNames.ToArray());
        Assert.AreEqual(10L * perClass, data.Count);
        Assert.HasCount(10 * perClass, rows);
        Assert.IsEmpty(data.SkippedFiles);
        foreach (string className in data.ClassNames)
        {
            Assert.AreEqual(perClass, rows.Count(row => row.Label == className), $"images of class '{className}' in {root}");
        }

        AssertPixelsAreImages(rows);
    }

    [TestMethod]
    public void MiniImageFolderReadTwiceGivesIdenticalRows()
    {
        IDataView data = CifarData.LoadImageFolder(_mlContext, SharedData.MiniValFolder).Data;

        AssertSameRows(DataViewRows.Read(data), DataViewRows.Read(data));
    }

    [TestMethod]
    public void RealBinaryAndRealImageFolderDeclareEqualFeatureTypes()
    {
        IDataView binary = CifarData.LoadBinary(_mlContext, SharedData.BinarySampleFolder, CifarSplit.Train).Data;
        IDataView folder = CifarData.LoadImageFolder(_mlContext, SharedData.MiniValFolder).Data;

        Assert.AreEqual(folder.Schema["Features"].Type, binary.Schema["Features"].Type);
        Assert.AreEqual(folder.Schema["Label"].Type, binary.Schema["Label"].Type);
    }

    /// <summary>3072 whole numbers from 0 to 255 per row, and real images: pixels vary within each and across rows.</summary>
    private static void AssertPixelsAreImages(List<(string Label, float[] Features)> rows)
    {
        foreach ((string label, float[] features) in rows)
        {
            Assert.HasCount(3072, features);
            Assert.IsTrue(features.All(value => value is >= 0f and <= 255f && value == MathF.Round(value)), $"a '{label}' row has a value outside the whole numbers 0..255");
        }

        Assert.IsGreaterThan(0.9 * rows.Count, rows.Count(row => row.Features.Distinct().Count() > 16), "most real photos have more than 16 distinct pixel values");
        Assert.IsGreaterThan(0.9 * rows.Count, rows.Select(row => string.Join(',', row.Features.Take(64))).Distinct().Count(), "rows should differ from each other");
    }

    private static void AssertSameRows(List<(string Label, float[] Features)> first, List<(string Label, float[] Features)> second)
    {
        Assert.HasCount(first.Count, second);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.AreEqual(first[i].Label, second[i].Label, $"label of row {i}");
            CollectionAssert.AreEqual(first[i].Features, second[i].Features, $"pixels of row {i}");
        }
    }
}
