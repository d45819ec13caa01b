using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Data;
using SkiaSharp;

namespace Microsoft.ML.EarlyStopping.Tests.Data;

/// <summary>Both readers must feed the same pipeline: same column types, same pixels, same label keys.</summary>
[TestClass]
public sealed class CifarSchemaTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void BinaryAndImageFolderDeclareEqualColumnTypes()
    {
        using var temp = new TempFolder();
        CifarRecords.Write(temp.File("bin/test_batch.bin"), CifarRecords.Make(1, 1));
        TestImages.WritePng(temp.File("images/cls/a.png"), 32, 32, (_, _) => SKColors.Red);

        DataViewSchema binarySchema = CifarData.LoadBinary(_mlContext, temp.Folder("bin"), CifarSplit.Test).Data.Schema;
        DataViewSchema folderSchema = CifarData.LoadImageFolder(_mlContext, temp.Folder("images")).Data.Schema;

        Assert.AreEqual(folderSchema["Features"].Type, binarySchema["Features"].Type);
        Assert.AreEqual(folderSchema["Label"].Type, binarySchema["Label"].Type);
        Assert.AreEqual(TextDataViewType.Instance, binarySchema["Label"].Type);
    }

    [TestMethod]
    public void TheSamePixelsGiveTheSameFeaturesFromBinaryAndFromPng()
    {
        using var temp = new TempFolder();
        byte[] record = CifarRecords.Make(4, 11);
        CifarRecords.Write(temp.File("bin/test_batch.bin"), record);
        TestImages.WritePngOfRecord(temp.File("images/deer/a.png"), record);

        var binary = DataViewRows.Read(CifarData.LoadBinary(_mlContext, temp.Folder("bin"), CifarSplit.Test).Data).Single();
        var folder = DataViewRows.Read(CifarData.LoadImageFolder(_mlContext, temp.Folder("images")).Data).Single();

        Assert.AreEqual("deer", binary.Label);
        Assert.AreEqual(binary.Label, folder.Label);
        CollectionAssert.AreEqual(binary.Features, folder.Features);
    }

    [TestMethod]
    public void MapLabelToKeyFollowsClassNamesOrderNotAlphabeticalOrder()
    {
        using var temp = new TempFolder();
        CifarRecords.WriteMeta(temp.File("batches.meta.txt"), "zebra", "apple", "mango");
        CifarRecords.Write(temp.File("test_batch.bin"), CifarRecords.Make(2, 1), CifarRecords.Make(0, 2), CifarRecords.Make(1, 3));
        CifarDataSet data = CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Test);

        IDataView mapped = data.MapLabelToKey(_mlContext).Fit(data.Data).Transform(data.Data);

        DataViewSchema.Column label = mapped.Schema["Label"];
        Assert.AreEqual(3UL, ((KeyDataViewType)label.Type).Count);
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        label.GetKeyValues(ref keyValues);
        CollectionAssert.AreEqual(data.ClassNames.ToArray(), keyValues.DenseValues().Select(value => value.ToString()).ToArray());
        uint[] keys = mapped.GetColumn<uint>(label).ToArray();
        CollectionAssert.AreEqual(new uint[] { 3, 1, 2 }, keys, "key = label byte + 1");
    }

    [TestMethod]
    public void MapLabelToKeyOnImageFoldersGivesKeysInClassNamesOrder()
    {
        using var temp = new TempFolder();
        foreach (string name in new[] { "b", "a", "C" })
        {
            TestImages.WritePng(temp.File($"root/{name}/1.png"), 32, 32, (_, _) => SKColors.Red);
        }

        CifarDataSet data = CifarData.LoadImageFolder(_mlContext, temp.Folder("root"));
        IDataView mapped = data.MapLabelToKey(_mlContext, "LabelKey").Fit(data.Data).Transform(data.Data);

        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        mapped.Schema["LabelKey"].GetKeyValues(ref keyValues);
        CollectionAssert.AreEqual(new[] { "C", "a", "b" }, keyValues.DenseValues().Select(value => value.ToString()).ToArray());
        CollectionAssert.AreEqual(data.ClassNames.ToArray(), keyValues.DenseValues().Select(value => value.ToString()).ToArray());
        CollectionAssert.AreEqual(new uint[] { 1, 2, 3 }, mapped.GetColumn<uint>(mapped.Schema["LabelKey"]).ToArray());
    }
}
