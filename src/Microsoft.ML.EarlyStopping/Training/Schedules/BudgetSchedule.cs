namespace Microsoft.ML.EarlyStopping.Training.Schedules;

/// <summary>
/// A schedule over a known budget of <c>maxEpochs × stepsPerEpoch</c> steps: linear warm-up from
/// <c>startRatio × BaseRate</c> (default a tenth) over the first <c>warmupFraction</c> of the budget, then a linear
/// (one-cycle) or cosine decay that reaches <c>finalRatio × BaseRate</c> (default zero) after the last step of the
/// budget. Early stopping may end training before the budget is used up.
/// </summary>
internal sealed class BudgetSchedule : LearningRateSchedule
{
    private readonly double _startRatio;
    private readonly double _finalRatio;
    private readonly int _maxEpochs;
    private readonly double _warmupFraction;
    private readonly bool _cosine;

    public BudgetSchedule(double baseRate, int maxEpochs, double warmupFraction, bool cosine, double startRatio = 0.1, double finalRatio = 0) : base(baseRate)
    {
        if (!(startRatio >= 0 && startRatio <= 1))
            throw new ArgumentOutOfRangeException(nameof(startRatio), startRatio, "The warm-up start ratio must be in [0, 1].");
        if (!(finalRatio >= 0 && finalRatio < 1))
            throw new ArgumentOutOfRangeException(nameof(finalRatio), finalRatio, "The final ratio must be in [0, 1).");
        _startRatio = startRatio;
        _finalRatio = finalRatio;
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
            return BaseRate * (_startRatio + (1 - _startRatio) * warm);
        }
        // Measured so that the first decay step is at (almost) the full rate and the last step of the budget keeps a
        // small positive rate: only the step after the budget would reach zero.
        double step1 = 1.0 / total;
        double decay = (position - _warmupFraction + step1) / (1 - _warmupFraction + step1);
        decay = Math.Clamp(decay, 0, 1);
        double shape = _cosine ? 0.5 * (1 + Math.Cos(Math.PI * decay)) : 1 - decay;
        return BaseRate * (_finalRatio + (1 - _finalRatio) * shape);
    }
}
