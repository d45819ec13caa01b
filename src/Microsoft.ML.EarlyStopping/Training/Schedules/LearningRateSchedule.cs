namespace Microsoft.ML.EarlyStopping.Training.Schedules;

/// <summary>Gives the learning rate for every optimisation step; pure logic, so it can be tested without an optimiser.</summary>
internal abstract class LearningRateSchedule
{
    protected LearningRateSchedule(double baseRate)
    {
        if (!(baseRate > 0) || double.IsInfinity(baseRate))
            throw new ArgumentOutOfRangeException(nameof(baseRate), baseRate, "The learning rate must be a positive finite number.");
        BaseRate = baseRate;
    }

    public double BaseRate { get; }

    /// <summary>The rate for step <paramref name="step"/> (0-based) of epoch <paramref name="epoch"/> (1-based).</summary>
    public abstract double RateAt(int epoch, int step, int stepsPerEpoch);

    /// <summary>Tells the schedule the epoch's monitored value (null when there was none); used by plateau schedules.</summary>
    public virtual void EpochEnded(int epoch, double? monitoredValue)
    {
    }
}
