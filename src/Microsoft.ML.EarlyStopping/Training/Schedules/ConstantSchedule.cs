namespace Microsoft.ML.EarlyStopping.Training.Schedules;

/// <summary>The same rate at every step.</summary>
internal sealed class ConstantSchedule : LearningRateSchedule
{
    public ConstantSchedule(double baseRate) : base(baseRate)
    {
    }

    public override double RateAt(int epoch, int step, int stepsPerEpoch) => BaseRate;
}
