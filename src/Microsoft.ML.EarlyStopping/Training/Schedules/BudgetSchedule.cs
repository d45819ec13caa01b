namespace Microsoft.ML.EarlyStopping.Training.Schedules;

/// <summary>
/// A schedule over a known budget of <c>maxEpochs × stepsPerEpoch</c> steps: linear warm-up from
/// <c>BaseRate / 10</c> over the first <c>warmupFraction</c> of the budget, then a linear (one-cycle) or cosine decay
/// that reaches zero after the last step of the budget. Early stopping may end training before the budget is used up.
/// </summary>
internal sealed class BudgetSchedule : LearningRateSchedule
{
    private const double WarmupStartRatio = 0.1;
    private readonly int _maxEpochs;
    private readonly double _warmupFraction;
    private readonly bool _cosine;

    public BudgetSchedule(double baseRate, int maxEpochs, double warmupFraction, bool cosine) : base(baseRate)
    {
        if (maxEpochs < 1)
            throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, "The epoch budget must be at least 1.");
        if (!(warmupFraction >= 0 && warmupFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(warmupFraction), warmupFraction, "The warm-up fraction must be in [0, 1).");
        _maxEpochs = maxEpochs;
        _warmupFraction = warmupFraction;
        _cosine = cosine;
    }

    public override double RateAt(int epoch, int step, int stepsPerEpoch)
    {
        double total = (double)_maxEpochs * stepsPerEpoch;
        double position = Math.Min(((epoch - 1.0) * stepsPerEpoch + step) / total, 1.0);
        if (position < _warmupFraction)
        {
            double warm = position / _warmupFraction;
            return BaseRate * (WarmupStartRatio + (1 - WarmupStartRatio) * warm);
        }
        // Measured so that the first decay step is at (almost) the full rate and the last step of the budget keeps a
        // small positive rate: only the step after the budget would reach zero.
        double step1 = 1.0 / total;
        double decay = (position - _warmupFraction + step1) / (1 - _warmupFraction + step1);
        decay = Math.Clamp(decay, 0, 1);
        return _cosine ? BaseRate * 0.5 * (1 + Math.Cos(Math.PI * decay)) : BaseRate * (1 - decay);
    }
}
