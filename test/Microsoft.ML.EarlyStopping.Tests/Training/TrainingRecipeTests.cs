using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

[TestClass]
public sealed class TrainingRecipeTests
{
    [TestMethod]
    public void AirbenchFillsInAirbench94sRecipe()
    {
        TrainingRecipe recipe = TrainingRecipe.From(new CifarCnnTrainer.Options { Architecture = CifarArchitecture.Airbench }, environmentSeed: null);

        Assert.AreEqual(64, recipe.NetworkWidth);
        Assert.AreEqual(10, recipe.MaxEpochs);
        Assert.AreEqual(512, recipe.BatchSize);
        Assert.AreEqual(OptimizerKind.SgdNesterov, recipe.Optimizer);
        Assert.AreEqual(0.85, recipe.Momentum);
        // 11.5 per 1,024 examples for a summed loss with momentum 0.85 → per example for a mean loss, times 512.
        Assert.AreEqual(512 * 11.5 / (1024 * (1 + 1 / 0.15)), recipe.LearningRate, 1e-12);
        Assert.AreEqual(0.0153 / 11.5, recipe.WeightDecay, 1e-12);
        Assert.AreEqual(LearningRateScheduleKind.OneCycle, recipe.Schedule);
        Assert.AreEqual(0.2, recipe.ScheduleStartRatio);
        Assert.AreEqual(0.07, recipe.ScheduleFinalRatio);
        Assert.AreEqual(64.0, recipe.NormBiasRateScale);
        Assert.AreEqual(0.2, recipe.LabelSmoothing);
        Assert.IsTrue(recipe.Augment);
        Assert.AreEqual(2, recipe.CropPadding);
        Assert.IsTrue(recipe.TestTimeFlip);
        Assert.IsTrue(recipe.Lookahead);
    }

    [TestMethod]
    public void AirbenchsDefaultRateFollowsTheBatchSize()
    {
        TrainingRecipe small = TrainingRecipe.From(new CifarCnnTrainer.Options { Architecture = CifarArchitecture.Airbench, BatchSize = 128 }, null);
        TrainingRecipe large = TrainingRecipe.From(new CifarCnnTrainer.Options { Architecture = CifarArchitecture.Airbench, BatchSize = 1024 }, null);
        Assert.AreEqual(8.0, large.LearningRate / small.LearningRate, 1e-9, "the rate per example is fixed, as airbench94's is");
    }

    [TestMethod]
    [DataRow(CifarArchitecture.Seed)]
    [DataRow(CifarArchitecture.FastResNet)]
    public void OtherArchitecturesKeepTheirRecipes(CifarArchitecture architecture)
    {
        TrainingRecipe recipe = TrainingRecipe.From(new CifarCnnTrainer.Options { Architecture = architecture }, null);
        Assert.AreEqual(16, recipe.NetworkWidth);
        Assert.AreEqual(30, recipe.MaxEpochs);
        Assert.AreEqual(128, recipe.BatchSize);
        Assert.AreEqual(0.9, recipe.Momentum);
        Assert.AreEqual(4, recipe.CropPadding);
        Assert.AreEqual(1.0, recipe.NormBiasRateScale);
        Assert.AreEqual(0.1, recipe.ScheduleStartRatio);
        Assert.AreEqual(0.0, recipe.ScheduleFinalRatio);
        Assert.IsFalse(recipe.TestTimeFlip);
        Assert.IsFalse(recipe.Lookahead);
    }

    [TestMethod]
    public void ExplicitOptionsWinOverTheRecipe()
    {
        var options = new CifarCnnTrainer.Options
        {
            Architecture = CifarArchitecture.Airbench, NetworkWidth = 32, MaxEpochs = 4, BatchSize = 256, Momentum = 0.9,
            LearningRate = 0.3, WeightDecay = 0, LabelSmoothing = 0, CropPadding = 4, TestTimeFlip = false, Lookahead = false,
        };
        TrainingRecipe recipe = TrainingRecipe.From(options, null);
        Assert.AreEqual(32, recipe.NetworkWidth);
        Assert.AreEqual(4, recipe.MaxEpochs);
        Assert.AreEqual(256, recipe.BatchSize);
        Assert.AreEqual(0.9, recipe.Momentum);
        Assert.AreEqual(0.3, recipe.LearningRate);
        Assert.AreEqual(0.0, recipe.WeightDecay);
        Assert.AreEqual(0.0, recipe.LabelSmoothing);
        Assert.AreEqual(4, recipe.CropPadding);
        Assert.IsFalse(recipe.TestTimeFlip);
        Assert.IsFalse(recipe.Lookahead);

        TrainingRecipe fastWithExtras = TrainingRecipe.From(new CifarCnnTrainer.Options { TestTimeFlip = true, Lookahead = true }, null);
        Assert.IsTrue(fastWithExtras.TestTimeFlip && fastWithExtras.Lookahead, "flip averaging and lookahead work with any architecture");
    }

    [TestMethod]
    public void TheParametersATrackerRecordsIncludeTheNewSettings()
    {
        TrainingRecipe recipe = TrainingRecipe.From(new CifarCnnTrainer.Options { Architecture = CifarArchitecture.Airbench }, null);
        var parameters = recipe.ToParameters(null).ToDictionary(p => p.Key, p => p.Value);
        Assert.AreEqual("Airbench", parameters["Architecture"]);
        Assert.AreEqual("true", parameters["TestTimeFlip"]);
        Assert.AreEqual("true", parameters["Lookahead"]);
        Assert.AreEqual("512", parameters["BatchSize"]);
    }
}
