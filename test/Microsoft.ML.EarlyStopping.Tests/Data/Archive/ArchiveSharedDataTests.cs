using Microsoft.ML.EarlyStopping.Data;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Archive;

/// <summary>The real 50,000-image archive in ../shared/data (see <see cref="SharedData"/>).</summary>
[TestClass]
public sealed class ArchiveSharedDataTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void TheFirstHundredImagesPerClassEqualTheMiniFolderLoadedThroughMLNet()
    {
        // cifar10-mini/train holds 0000.jpg to 0099.jpg of each class of the same archive, byte for byte.
        string archive = SharedData.TrainArchive;
        string miniTrain = SharedData.MiniTrainFolder;

        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, archive, new ImageArchiveOptions { MaxImagesPerClass = 100 });
        CifarDataSet folder = CifarData.LoadImageFolder(_mlContext, miniTrain);

        CollectionAssert.AreEqual(new[] { "train" }, contents.Splits.Keys.ToArray());
        CifarDataSet train = contents["train"];
        CollectionAssert.AreEqual(folder.ClassNames.ToArray(), train.ClassNames.ToArray());
        CollectionAssert.AreEqual(CifarClassNames.Cifar10.ToArray(), train.ClassNames.ToArray());
        List<(string Label, float[] Features)> expected = DataViewRows.Read(folder.Data);
        List<(string Label, float[] Features)> actual = DataViewRows.Read(train.Data);
        Assert.HasCount(1000, expected);
        Assert.HasCount(expected.Count, actual);
        float maxDifference = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.AreEqual(expected[i].Label, actual[i].Label, $"label of row {i}");
            maxDifference = Math.Max(maxDifference, expected[i].Features.Zip(actual[i].Features, (left, right) => Math.Abs(left - right)).Max());
        }

        // Both decode with the same SkiaSharp (libjpeg-turbo) build, so the pixels are identical.
        Assert.AreEqual(0f, maxDifference, "largest pixel difference from LoadImageFolder over the 1,000 JPEGs");
    }

    [TestMethod]
    public void TheWholeArchiveHas5000ImagesPerClass()
    {
        CifarArchiveContents contents = CifarData.LoadImageArchive(_mlContext, SharedData.TrainArchive);

        CifarDataSet train = contents["train"];
        Assert.HasCount(1, contents.Splits);
        Assert.AreEqual(50_000L, train.Count);
        Assert.IsEmpty(train.SkippedFiles);
        var perClass = new int[train.ClassNames.Count];
        DataViewSchema.Column label = train.Data.Schema[CifarColumnNames.Label];
        using DataViewRowCursor cursor = train.Data.GetRowCursor([label]);
        ValueGetter<ReadOnlyMemory<char>> getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(label);
        ReadOnlyMemory<char> value = default;
        var index = train.ClassNames.Select((name, i) => (name, i)).ToDictionary(pair => pair.name, pair => pair.i);
        while (cursor.MoveNext())
        {
            getLabel(ref value);
            perClass[index[value.ToString()]]++;
        }

        CollectionAssert.AreEqual(Enumerable.Repeat(5000, 10).ToArray(), perClass);
    }
}
