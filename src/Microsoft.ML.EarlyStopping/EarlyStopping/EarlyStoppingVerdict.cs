namespace Microsoft.ML.EarlyStopping;

/// <summary>
/// What <see cref="EarlyStoppingMonitor.Update(int, double?)"/> decided about one epoch, and the monitor's state right after it.
/// Immutable: later epochs do not change an earlier verdict.
/// </summary>
public sealed record EarlyStoppingVerdict
{
    internal EarlyStoppingVerdict()
    {
    }

    /// <summary>The 1-based epoch this verdict is about.</summary>
    public required int Epoch { get; init; }

    /// <summary>The value reported for the epoch, or null when it had none.</summary>
    public required double? Value { get; init; }

    /// <summary>
    /// True when the epoch took part in the policy: it had a value and was after the warm-up. Unmonitored epochs are
    /// neither improvements nor misses.
    /// </summary>
    public required bool IsMonitored { get; init; }

    /// <summary>True when the epoch became the new best (a finite value beating the best by more than MinDelta, or the first finite one).</summary>
    public required bool IsImprovement { get; init; }

    /// <summary>
    /// True when the epoch reset the patience counter: an improvement that also beats the baseline (every improvement
    /// when no baseline is set).
    /// </summary>
    public required bool ResetsPatience { get; init; }

    /// <summary>
    /// True when the trainer should copy the current weights now: the epoch is an improvement and best weights are to be
    /// restored at the end. Each snapshot replaces the previous one.
    /// </summary>
    public required bool ShouldSnapshotWeights { get; init; }

    /// <summary>True when training must stop after this epoch.</summary>
    public required bool ShouldStop { get; init; }

    /// <summary>Why training stops; <see cref="EarlyStoppingReason.None"/> while it goes on.</summary>
    public required EarlyStoppingReason Reason { get; init; }

    /// <summary>A sentence saying why training stops and which weights are kept, or null while it goes on.</summary>
    public required string? Message { get; init; }

    /// <summary>Consecutive monitored epochs, up to and including this one, that did not reset the patience counter.</summary>
    public required int EpochsWithoutImprovement { get; init; }

    /// <summary>The best epoch so far, or null if none yet.</summary>
    public required int? BestEpoch { get; init; }

    /// <summary>The best value so far (always finite), or null if none yet.</summary>
    public required double? BestValue { get; init; }

    /// <summary>True once an improvement has beaten <see cref="EarlyStoppingOptions.Baseline"/>; always false without a baseline.</summary>
    public required bool BaselineReached { get; init; }
}
