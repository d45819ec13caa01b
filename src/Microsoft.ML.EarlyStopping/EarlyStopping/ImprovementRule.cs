namespace Microsoft.ML.EarlyStopping;

/// <summary>
/// Compares monitored values in the resolved direction: improvement with MinDelta, the inclusive goal and the strict
/// divergence test. Finite inputs only; the monitor deals with NaN and infinities before asking.
/// </summary>
internal sealed class ImprovementRule
{
    // Four machine epsilons (2^-52 each), scaled by the magnitudes involved: enough to absorb the rounding of both inputs
    // from decimal, of their difference and of a relative margin, and far below any gain that matters in training.
    private const double RoundingSlack = 4 * 2.220446049250313e-16;

    private readonly bool _maximize;
    private readonly double _minDelta;
    private readonly bool _relative;

    public ImprovementRule(MetricDirection direction, double minDelta, MinDeltaMode mode)
    {
        _maximize = direction == MetricDirection.Maximize;
        _minDelta = minDelta;
        _relative = mode == MinDeltaMode.Relative;
    }

    /// <summary>True if <paramref name="value"/> beats <paramref name="reference"/> by strictly more than the MinDelta margin.</summary>
    public bool Beats(double value, double reference)
    {
        double gain = _maximize ? value - reference : reference - value;
        double margin = _relative ? _minDelta * Math.Abs(reference) : _minDelta;
        if (margin == 0)
        {
            return gain > 0;
        }

        // A gain equal to the margin up to rounding is "exactly MinDelta", which is not an improvement.
        double slack = RoundingSlack * (Math.Abs(value) + Math.Abs(reference) + margin);
        return gain > margin + slack;
    }

    /// <summary>True if <paramref name="value"/> reaches the goal, inclusively.</summary>
    public bool Reaches(double value, double goal) => _maximize ? value >= goal : value <= goal;

    /// <summary>True if <paramref name="value"/> is strictly worse than the limit.</summary>
    public bool IsWorseThan(double value, double limit) => _maximize ? value < limit : value > limit;
}
