using Microsoft.ML.EarlyStopping.Training.Schedules;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

[TestClass]
public sealed class LearningRateScheduleTests
{
    [TestMethod]
    public void OneCycleWarmsUpLinearlyThenDecaysToZeroAtTheEndOfTheBudget()
    {
        var schedule = new BudgetSchedule(baseRate: 1.0, maxEpochs: 10, warmupFraction: 0.2, cosine: false);

        Assert.AreEqual(0.1, schedule.RateAt(1, 0, 100), 1e-12, "warm-up starts at a tenth of the rate");
        Assert.AreEqual(0.55, schedule.RateAt(1, 100, 100), 1e-12, "half-way through warm-up (epoch 2 step 0 = 10% of budget)");
        Assert.AreEqual(1.0, schedule.RateAt(3, 0, 100), 2e-3, "peak right after warm-up");
        double last = schedule.RateAt(10, 99, 100);
        Assert.IsTrue(last > 0 && last < 0.01, $"the last step of the budget has a small positive rate, got {last}");
        Assert.AreEqual(0.0, schedule.RateAt(11, 0, 100), 1e-12, "beyond the budget the rate is zero");
    }

    [TestMethod]
    public void OneCycleCanStartAndEndAtAFractionOfThePeak()
    {
        // airbench94's shape: 0.2× the peak rising to the peak, then falling to 0.07× at the end of the budget.
        var schedule = new BudgetSchedule(baseRate: 2.0, maxEpochs: 10, warmupFraction: 0.2, cosine: false, startRatio: 0.2, finalRatio: 0.07);

        Assert.AreEqual(0.4, schedule.RateAt(1, 0, 100), 1e-12, "warm-up starts at 0.2 × the peak");
        Assert.AreEqual(1.2, schedule.RateAt(2, 0, 100), 1e-12, "half-way through warm-up");
        Assert.AreEqual(2.0, schedule.RateAt(3, 0, 100), 5e-3, "peak right after warm-up");
        double last = schedule.RateAt(10, 99, 100);
        Assert.IsTrue(last > 0.14 && last < 0.15, $"the last step of the budget is just above 0.07 × the peak, got {last}");
        Assert.AreEqual(0.14, schedule.RateAt(11, 0, 100), 1e-12, "beyond the budget the rate stays at the final fraction");
    }

    [TestMethod]
    public void CosineEndsAtTheFinalFraction()
    {
        var schedule = new BudgetSchedule(baseRate: 1.0, maxEpochs: 4, warmupFraction: 0, cosine: true, startRatio: 0.1, finalRatio: 0.25);
        Assert.AreEqual(1.0, schedule.RateAt(1, 0, 10), 1e-2, "no warm-up: the first step is at the peak");
        Assert.AreEqual(0.625, schedule.RateAt(3, 0, 10), 0.02, "half-way the cosine is half-way between peak and floor");
        Assert.AreEqual(0.25, schedule.RateAt(5, 0, 10), 1e-12);
    }

    [TestMethod]
    [DataRow(-0.1, 0.0, "startRatio")]
    [DataRow(1.1, 0.0, "startRatio")]
    [DataRow(0.1, 1.0, "finalRatio")]
    [DataRow(0.1, -0.5, "finalRatio")]
    [DataRow(double.NaN, 0.0, "startRatio")]
    public void OutOfRangeRatiosAreRejectedByName(double start, double final, string parameter)
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BudgetSchedule(1.0, 5, 0.2, cosine: false, start, final));
        Assert.AreEqual(parameter, ex.ParamName);
    }

    [TestMethod]
    public void OneCycleIsMonotonicAfterWarmup()
    {
        var schedule = new BudgetSchedule(0.4, maxEpochs: 5, warmupFraction: 0.3, cosine: false);
        double previous = double.MaxValue;
        for (int epoch = 2; epoch <= 5; epoch++)
        {
            for (int step = 0; step < 7; step++)
            {
                double rate = schedule.RateAt(epoch, step, 7);
                if (epoch >= 3)
                {
                    Assert.IsTrue(rate <= previous, $"rate rose at epoch {epoch} step {step}");
                    previous = rate;
                }
            }
        }
    }

    [TestMethod]
    public void CosineWithoutWarmupStartsAtBaseAndIsHalfwayAtTheMiddle()
    {
        var schedule = new BudgetSchedule(2.0, maxEpochs: 4, warmupFraction: 0, cosine: true);

        Assert.AreEqual(2.0, schedule.RateAt(1, 0, 10), 0.02);
        Assert.AreEqual(1.0, schedule.RateAt(3, 0, 10), 0.1);
        Assert.IsTrue(schedule.RateAt(4, 9, 10) < 0.01);
    }

    [TestMethod]
    public void ReduceOnPlateauReducesAfterPatienceMissesAndWaitsAgain()
    {
        var schedule = new ReduceOnPlateauSchedule(1.0, factor: 0.5, patience: 2, minRate: 0.2, minimize: true);
        double?[] losses = { 1.0, 0.9, 0.95, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96 };
        double[] expectedAfter = { 1.0, 1.0, 1.0, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2, 0.2 };

        for (int i = 0; i < losses.Length; i++)
        {
            schedule.EpochEnded(i + 1, losses[i]);
            Assert.AreEqual(expectedAfter[i], schedule.RateAt(i + 2, 0, 1), 1e-12, $"after epoch {i + 1}");
        }
    }

    [TestMethod]
    public void ReduceOnPlateauIgnoresMissingAndNonFiniteValues()
    {
        var schedule = new ReduceOnPlateauSchedule(1.0, 0.1, patience: 1, minRate: 0, minimize: false);
        schedule.EpochEnded(1, 0.5);
        schedule.EpochEnded(2, null);
        schedule.EpochEnded(3, double.NaN);
        Assert.AreEqual(1.0, schedule.CurrentRate);
        schedule.EpochEnded(4, 0.4);
        Assert.AreEqual(0.1, schedule.CurrentRate, 1e-12);
    }

    [TestMethod]
    [DataRow(0.0)]
    [DataRow(-1.0)]
    [DataRow(double.NaN)]
    [DataRow(double.PositiveInfinity)]
    public void InvalidBaseRateIsRejected(double rate)
    {
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ConstantSchedule(rate));
        Assert.AreEqual("baseRate", error.ParamName);
    }

    [TestMethod]
    public void InvalidPlateauSettingsAreRejectedByName()
    {
        Assert.AreEqual("factor", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ReduceOnPlateauSchedule(1, 1.0, 1, 0, true)).ParamName);
        Assert.AreEqual("patience", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ReduceOnPlateauSchedule(1, 0.5, 0, 0, true)).ParamName);
        Assert.AreEqual("warmupFraction", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new BudgetSchedule(1, 3, 1.0, false)).ParamName);
    }
}
