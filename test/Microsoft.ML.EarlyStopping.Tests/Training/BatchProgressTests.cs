using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

/// <summary>The per-batch progress callback that console progress bars use.</summary>
[TestClass]
public sealed class BatchProgressTests
{
    [TestMethod]
    public void EveryBatchIsReportedInOrderWithRunningCounts()
    {
        var ml = new MLContext(seed: 1);
        var reports = new List<BatchProgress>();
        var epochs = new List<EpochMetrics>();
        var options = new CifarCnnTrainer.Options
        {
            NetworkWidth = 4,
            MaxEpochs = 2,
            BatchSize = 64,
            Seed = 3,
            ValidationFraction = 0,
            EarlyStopping = null,
            BatchEnded = reports.Add,
            EpochEnded = epochs.Add,
        };

        ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(MiniCifar.Train);

        // 300 images in batches of 64: 64, 128, 192, 256, 300.
        int[] expectedImages = [64, 128, 192, 256, 300];
        Assert.HasCount(2 * expectedImages.Length, reports);
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            BatchProgress[] ofEpoch = reports.Where(r => r.Epoch == epoch).ToArray();
            CollectionAssert.AreEqual(expectedImages, ofEpoch.Select(r => r.Images).ToArray(), $"images so far, epoch {epoch}");
            CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, ofEpoch.Select(r => r.Batch).ToArray(), $"batch numbers, epoch {epoch}");
            Assert.IsTrue(ofEpoch.All(r => r.BatchesPerEpoch == 5 && r.ImagesPerEpoch == 300 && r.MaxEpochs == 2));
            Assert.IsTrue(ofEpoch.Zip(ofEpoch.Skip(1)).All(p => p.Second.Elapsed >= p.First.Elapsed), "elapsed time never goes back within an epoch");
            Assert.AreEqual(epochs[epoch - 1].TrainingLoss, ofEpoch[^1].TrainingLoss, 1e-9, "the last running loss is the epoch's training loss");
        }
    }
}
