using CifarDemo.Data;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Data;

namespace CifarDemo.Tests.Data;

[TestClass]
public sealed class DataSourceResolverTests
{
    [TestMethod]
    public void AnArchiveOfAnImageRootGivesItsTrainAndTestSplits()
    {
        using var temp = new TempFolder();
        string root = TestArchives.ImageRoot(temp, "images", perClass: 3, withTest: true);
        string archive = temp.File("images.tar.gz");
        TestArchives.Pack(root, archive, includeFolder: true); // wrapped in a top folder, as archives often are
        var reports = new List<DataProgress>();

        LoadedData data = Resolver(temp, reports.Add).Load(archive, CancellationToken.None);

        Assert.AreEqual(6, data.Train.Count);
        Assert.AreEqual(6, data.Test!.Count);
        Assert.IsNull(data.Validation);
        CollectionAssert.AreEqual(new[] { "cat", "dog" }, data.Train.ClassNames.ToArray());
        StringAssert.Contains(data.Description, archive);
        Assert.IsTrue(reports.Any(r => r.Activity == "Reading the archive"), "reading the archive is reported");
        Assert.IsFalse(Directory.Exists(Path.Combine(temp.Path, "cache")), "the archive is read in place: nothing is extracted to the cache");
    }

    [TestMethod]
    public void AFolderOfClassFoldersIsTrainingDataOnly()
    {
        using var temp = new TempFolder();
        string root = TestArchives.ImageRoot(temp, "images", perClass: 2, withTest: false);

        LoadedData data = Resolver(temp).Load(Path.Combine(root, "train"), CancellationToken.None);

        Assert.AreEqual(4, data.Train.Count);
        Assert.IsNull(data.Test);
    }

    [TestMethod]
    public void TheBinarySampleHasATrainSplitAndNoTestSplit()
    {
        using var temp = new TempFolder();

        LoadedData data = Resolver(temp).Load(SharedData.BinarySampleFolder, CancellationToken.None);

        Assert.AreEqual(1000, data.Train.Count);
        Assert.IsNull(data.Test);
    }

    [TestMethod]
    public void TheMiniRootsValFolderIsTheValidationSplit()
    {
        using var temp = new TempFolder();

        LoadedData data = Resolver(temp).Load(SharedData.MiniRoot, CancellationToken.None);

        Assert.AreEqual(1000, data.Train.Count);
        Assert.AreEqual(200, data.Validation!.Count);
        Assert.IsNull(data.Test);
    }

    [TestMethod]
    public void TheHeldOutTestSetNeverOverlapsTraining()
    {
        using var temp = new TempFolder();
        var ml = new MLContext(seed: 1);
        LoadedData data = Resolver(temp).Load(SharedData.MiniRoot, CancellationToken.None);

        PreparedData sets = DataPreparer.Prepare(ml, data, new SplitOptions(0.1, MaxPerClass: null, Seed: 3));

        string[] train = sets.Train.GetColumn<string>(CifarColumnNames.ImagePath).ToArray();
        string[] test = sets.Test.GetColumn<string>(CifarColumnNames.ImagePath).ToArray();
        Assert.AreEqual(900, sets.TrainCount);
        Assert.HasCount(900, train);
        Assert.AreEqual(100, sets.TestCount);
        Assert.HasCount(100, test);
        Assert.IsFalse(train.Intersect(test).Any(), "held-out images are never trained on");
        Assert.IsTrue(sets.TestIsHeldOut);
        Assert.AreEqual(10, test.GroupBy(path => Path.GetFileName(Path.GetDirectoryName(path))).Count(), "every class is in the test set");
    }

    private static DataSourceResolver Resolver(TempFolder temp, Action<DataProgress>? progress = null) =>
        new(new MLContext(seed: 1), Path.Combine(temp.Path, "cache"), new ImageFolderOptions(), progress);
}
