namespace Microsoft.ML.EarlyStopping;

/// <summary>
/// Settings of the early-stopping policy applied by <see cref="EarlyStoppingMonitor"/>.
/// </summary>
/// <remarks>
/// <para>
/// Once per epoch the monitor looks at one value (<see cref="Metric"/>). An epoch whose value beats the best so far
/// by more than <see cref="MinDelta"/> is an improvement; any other monitored epoch is a miss, and training stops at the
/// <see cref="Patience"/>-th consecutive miss. Ties are misses. The best moves only on an improvement, so slow drifts
/// smaller than <see cref="MinDelta"/> per epoch still add up to an improvement.
/// </para>
/// <para>
/// Per epoch, in this order: an epoch without a value or inside the warm-up (<see cref="StartFromEpoch"/>) is skipped;
/// a NaN or infinite value stops training (<see cref="StopOnNonFiniteMetric"/>); improvement and <see cref="Baseline"/>
/// are decided; then <see cref="StoppingThreshold"/>, <see cref="DivergenceThreshold"/> and <see cref="Patience"/> are checked.
/// </para>
/// <para>
/// Porting settings: Keras and Lightning count patience the same way, so their <c>patience</c> is our
/// <see cref="Patience"/> (Keras <c>patience=0</c> is our 1). A hand-written loop that stops when its counter becomes
/// <em>greater</em> than patience (such as the original CIFAR-10 notebook's <c>patience = 10</c>) stops one epoch later:
/// use <c>Patience = patience + 1</c> (11). See docs/early-stopping.md for the full comparison.
/// </para>
/// <para>Differences that surprise users of other libraries:</para>
/// <list type="table">
/// <listheader><term>library</term><description>what differs from these options</description></listheader>
/// <item><term>Keras</term><description><c>restore_best_weights</c> defaults to false (ours: <see cref="RestoreBestWeights"/> true);
/// no NaN check; with a baseline an improving epoch never stops training (ours can: every epoch that does not beat the
/// baseline is a miss); never stops in the first epoch.</description></item>
/// <item><term>Lightning</term><description><c>stopping_threshold</c> is strict (ours is inclusive) and is checked
/// before improvement; never restores weights.</description></item>
/// <item><term>ML.NET ImageClassificationTrainer</term><description>a gain of at least MinDelta (default 0.01, patience 20)
/// is an improvement (ours: strictly more); NaN counts as an improvement; its loss monitor starts from a best of 0;
/// never restores weights.</description></item>
/// </list>
/// <para>All settings are checked by <see cref="Validate"/>, which the monitor calls when it is created.</para>
/// </remarks>
public sealed class EarlyStoppingOptions
{
    /// <summary>The value watched each epoch. Default: <see cref="EarlyStoppingMetric.ValidationLoss"/>.</summary>
    public EarlyStoppingMetric Metric { get; set; } = EarlyStoppingMetric.ValidationLoss;

    /// <summary>
    /// Whether smaller or larger values are better. Default: <see cref="MetricDirection.Auto"/>, which minimizes losses and
    /// maximizes accuracy. An explicit direction that contradicts the metric (for example Maximize on a loss) is rejected,
    /// because it would keep the worst model.
    /// </summary>
    public MetricDirection Direction { get; set; } = MetricDirection.Auto;

    /// <summary>
    /// Training stops at this many consecutive monitored epochs without an improvement. Default: 10. Must be at least 1.
    /// Epochs without a value and warm-up epochs do not count.
    /// </summary>
    public int Patience { get; set; } = 10;

    /// <summary>
    /// How much an epoch must beat the best value by to count as an improvement; the gain must be strictly greater, so a
    /// gain of exactly <c>MinDelta</c> is a miss. Default: 0 (any strict gain). Must be finite and at least 0.
    /// </summary>
    /// <remarks>
    /// Values are compared in binary floating point, where a decimal gain such as 0.8 → 0.7 comes out a few units in the
    /// last place larger than 0.1. Gains within such rounding (about 1e-15 relative) of the margin count as exactly
    /// <c>MinDelta</c>, so they are misses, as they read in decimal.
    /// </remarks>
    public double MinDelta { get; set; }

    /// <summary>Whether <see cref="MinDelta"/> is absolute or a fraction of |best|. Default: <see cref="MinDeltaMode.Absolute"/>.</summary>
    public MinDeltaMode MinDeltaMode { get; set; } = MinDeltaMode.Absolute;

    /// <summary>
    /// A value the metric must beat (by more than <see cref="MinDelta"/>, like any improvement) before improvements reset
    /// the patience counter. Until then every monitored epoch is a miss (an improving epoch still becomes the best and is
    /// still snapshotted), and running out of patience ends with <see cref="EarlyStoppingReason.BaselineNotReached"/>.
    /// Default: none. Must be finite when set.
    /// </summary>
    public double? Baseline { get; set; }

    /// <summary>
    /// Number of warm-up epochs: epochs 1..StartFromEpoch are reported but not monitored; they are never best, never
    /// misses, and not checked against thresholds or for non-finite values. Default: 0. Must be at least 0.
    /// </summary>
    public int StartFromEpoch { get; set; }

    /// <summary>
    /// Whether the trained model ends with the weights of the best epoch, whatever the reason training ended (including
    /// the last epoch being reached and cancellation); ties keep the earliest epoch. When false, the last epoch's weights
    /// are kept. Default: true.
    /// </summary>
    public bool RestoreBestWeights { get; set; } = true;

    /// <summary>
    /// Whether a NaN or infinite monitored value stops training at once with <see cref="EarlyStoppingReason.NonFiniteMetric"/>.
    /// When false such an epoch is a miss. Either way it never becomes the best, not even in the first epoch. Default: true.
    /// </summary>
    public bool StopOnNonFiniteMetric { get; set; } = true;

    /// <summary>
    /// A goal: training stops as soon as a monitored value reaches it (inclusive: value ≤ threshold when minimizing,
    /// ≥ when maximizing). The epoch becomes the best first if it is an improvement. Default: none. Must be finite when set.
    /// </summary>
    public double? StoppingThreshold { get; set; }

    /// <summary>
    /// Training stops as soon as a monitored value is strictly worse than this (value &gt; threshold when minimizing,
    /// &lt; when maximizing). Default: none. Must be finite when set, and strictly worse than <see cref="StoppingThreshold"/>
    /// when both are set.
    /// </summary>
    public double? DivergenceThreshold { get; set; }

    /// <summary>Returns an independent copy of these options.</summary>
    /// <returns>A new instance with the same settings.</returns>
    public EarlyStoppingOptions Clone() => (EarlyStoppingOptions)MemberwiseClone();

    /// <summary>Checks every setting and throws for the first invalid one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// An enum value is undefined, <see cref="Patience"/> is below 1, <see cref="MinDelta"/> is negative or not finite,
    /// <see cref="StartFromEpoch"/> is negative, or a threshold or baseline is NaN or infinite.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <see cref="Direction"/> contradicts <see cref="Metric"/>, or <see cref="DivergenceThreshold"/> is not strictly worse
    /// than <see cref="StoppingThreshold"/>.
    /// </exception>
    /// <remarks>The exception's <see cref="ArgumentException.ParamName"/> is the option's property name.</remarks>
    public void Validate()
    {
        RequireDefined(Metric, nameof(Metric));
        RequireDefined(Direction, nameof(Direction));
        RequireDefined(MinDeltaMode, nameof(MinDeltaMode));

        if (Patience < 1)
        {
            throw OutOfRange(nameof(Patience), Patience,
                "must be at least 1 (training stops at the Patience-th consecutive epoch without improvement)");
        }

        if (!double.IsFinite(MinDelta) || MinDelta < 0)
        {
            throw OutOfRange(nameof(MinDelta), MinDelta, "must be a finite number at least 0");
        }

        if (StartFromEpoch < 0)
        {
            throw OutOfRange(nameof(StartFromEpoch), StartFromEpoch, "must be at least 0 (the number of warm-up epochs)");
        }

        RequireFiniteOrNull(Baseline, nameof(Baseline));
        RequireFiniteOrNull(StoppingThreshold, nameof(StoppingThreshold));
        RequireFiniteOrNull(DivergenceThreshold, nameof(DivergenceThreshold));

        MetricDirection natural = EarlyStoppingMetricInfo.NaturalDirection(Metric);
        if (Direction != MetricDirection.Auto && Direction != natural)
        {
            throw new ArgumentException(
                $"EarlyStoppingOptions.{nameof(Direction)} is {Direction}, but {Metric} is always {(natural == MetricDirection.Minimize ? "minimized" : "maximized")}; " +
                $"use {nameof(MetricDirection.Auto)} or {natural}.",
                nameof(Direction));
        }

        if (StoppingThreshold is double goal && DivergenceThreshold is double divergence &&
            (natural == MetricDirection.Minimize ? divergence <= goal : divergence >= goal))
        {
            throw new ArgumentException(
                $"EarlyStoppingOptions.{nameof(DivergenceThreshold)} ({EarlyStoppingMessages.Number(divergence)}) must be strictly " +
                $"{(natural == MetricDirection.Minimize ? "greater" : "less")} than {nameof(StoppingThreshold)} ({EarlyStoppingMessages.Number(goal)}) " +
                $"when {Metric} is {(natural == MetricDirection.Minimize ? "minimized" : "maximized")}; only values between the two keep training.",
                nameof(DivergenceThreshold));
        }
    }

    private static void RequireDefined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw OutOfRange(name, value, $"must be one of {string.Join(", ", Enum.GetNames<TEnum>())}");
        }
    }

    private static void RequireFiniteOrNull(double? value, string name)
    {
        if (value is double v && !double.IsFinite(v))
        {
            throw OutOfRange(name, v, "must be a finite number when set");
        }
    }

    private static ArgumentOutOfRangeException OutOfRange(string name, object actual, string requirement) =>
        new(name, actual, $"EarlyStoppingOptions.{name} {requirement}.");
}
