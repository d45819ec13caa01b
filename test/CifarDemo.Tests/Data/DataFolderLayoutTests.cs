using CifarDemo.Data;

namespace CifarDemo.Tests.Data;

[TestClass]
public sealed class DataFolderLayoutTests
{
    [TestMethod]
    public void AFolderOfBinFilesIsBinary()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("bin/data_batch_1.bin"), []);

        DataFolderLayout layout = DataFolderLayout.Detect(temp.Folder("bin"));

        Assert.AreEqual(DataFolderKind.Binary, layout.Kind);
        Assert.AreEqual(temp.Folder("bin"), layout.Root);
    }

    [TestMethod]
    public void TheParentOfCifar10BatchesBinIsBinary()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("cifar-10-batches-bin/test_batch.bin"), []);

        DataFolderLayout layout = DataFolderLayout.Detect(temp.Path);

        Assert.AreEqual(DataFolderKind.Binary, layout.Kind);
        Assert.AreEqual(Path.Combine(temp.Path, "cifar-10-batches-bin"), layout.Root);
    }

    [TestMethod]
    public void AnImageRootNamesItsSplits()
    {
        using var temp = new TempFolder();
        temp.Folder("train/cat");
        temp.Folder("validation/cat");
        temp.Folder("test/cat");

        DataFolderLayout layout = DataFolderLayout.Detect(temp.Path);

        Assert.AreEqual(DataFolderKind.ImageSplits, layout.Kind);
        Assert.AreEqual(Path.Combine(temp.Path, "train"), layout.TrainFolder);
        Assert.AreEqual(Path.Combine(temp.Path, "validation"), layout.ValidationFolder);
        Assert.AreEqual(Path.Combine(temp.Path, "test"), layout.TestFolder);
    }

    [TestMethod]
    public void AnImageRootWithOnlyTrainHasNoOtherSplits()
    {
        using var temp = new TempFolder();
        temp.Folder("train/cat");

        DataFolderLayout layout = DataFolderLayout.Detect(temp.Path);

        Assert.AreEqual(DataFolderKind.ImageSplits, layout.Kind);
        Assert.IsNull(layout.ValidationFolder);
        Assert.IsNull(layout.TestFolder);
    }

    [TestMethod]
    public void AnythingElseIsAFolderOfClassFolders()
    {
        using var temp = new TempFolder();
        temp.Folder("cat");
        temp.Folder("dog");

        DataFolderLayout layout = DataFolderLayout.Detect(temp.Path);

        Assert.AreEqual(DataFolderKind.ImageClasses, layout.Kind);
        Assert.AreEqual(temp.Path, layout.TrainFolder);
    }

    [TestMethod]
    public void UnwrappingDescendsThroughSingleFoldersToTheData()
    {
        using var temp = new TempFolder();
        temp.Folder("wrapper/cifar10/train/cat");
        File.WriteAllText(temp.File(".extracted"), "marker files do not count");

        Assert.AreEqual(Path.Combine(temp.Path, "wrapper", "cifar10"), DataFolderLayout.UnwrapSingleFolder(temp.Path));
    }

    [TestMethod]
    public void UnwrappingStopsAtAFolderOfClassFolders()
    {
        using var temp = new TempFolder();
        temp.Folder("cat");
        temp.Folder("dog");

        Assert.AreEqual(temp.Path, DataFolderLayout.UnwrapSingleFolder(temp.Path));
    }
}
