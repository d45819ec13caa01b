namespace Microsoft.ML.EarlyStopping.Training.Schedules;

/// <summary>
/// Multiplies the rate by <c>factor</c> after <c>patience</c> consecutive epochs without a strict improvement of the
/// monitored value, then waits another <c>patience</c> epochs before it may reduce again; never below <c>minRate</c>.
/// It keeps its own counter: it never reads or resets the early-stopping monitor's.
/// </summary>
internal sealed class ReduceOnPlateauSchedule : LearningRateSchedule
{
    private readonly double _factor;
    private readonly int _patience;
    private readonly double _minRate;
    private readonly bool _minimize;
    private double? _best;
    private int _misses;

    public ReduceOnPlateauSchedule(double baseRate, double factor, int patience, double minRate, bool minimize) : base(baseRate)
    {
        if (!(factor > 0 && factor < 1))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The plateau factor must be strictly between 0 and 1.");
        if (patience < 1)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "The plateau patience must be at least 1.");
        if (!(minRate >= 0) || double.IsInfinity(minRate))
            throw new ArgumentOutOfRangeException(nameof(minRate), minRate, "The minimum learning rate must be a finite number ≥ 0.");
        _factor = factor;
        _patience = patience;
        _minRate = minRate;
        _minimize = minimize;
        CurrentRate = baseRate;
    }

    public double CurrentRate { get; private set; }

    public override double RateAt(int epoch, int step, int stepsPerEpoch) => CurrentRate;

    public override void EpochEnded(int epoch, double? monitoredValue)
    {
        if (monitoredValue is not double value || !double.IsFinite(value))
            return;
        if (_best is not double best || (_minimize ? value < best : value > best))
        {
            _best = value;
            _misses = 0;
            return;
        }
        if (++_misses >= _patience)
        {
            CurrentRate = Math.Max(CurrentRate * _factor, _minRate);
            _misses = 0;
        }
    }
}
