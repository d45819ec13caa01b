namespace Microsoft.ML.EarlyStopping;

/// <summary>How <see cref="EarlyStoppingOptions.MinDelta"/> is measured.</summary>
public enum MinDeltaMode
{
    /// <summary>An improvement must beat the best value by more than <c>MinDelta</c>, in the metric's own units.</summary>
    Absolute,

    /// <summary>
    /// An improvement must beat the best value by more than <c>MinDelta · |best|</c>, so 0.01 means "more than 1% of the best".
    /// The magnitude keeps it meaningful for negative values; a best of exactly 0 makes the comparison plain strict.
    /// </summary>
    Relative,
}
