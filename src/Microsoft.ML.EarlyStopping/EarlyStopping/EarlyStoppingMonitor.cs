namespace Microsoft.ML.EarlyStopping;

/// <summary>
/// Applies the early-stopping policy of <see cref="EarlyStoppingOptions"/> to one training run: it is told each epoch's
/// value and answers whether that epoch is an improvement, whether to snapshot the weights, and whether to stop.
/// </summary>
/// <remarks>
/// <para>
/// Use one monitor per training run (per <c>Fit</c>): its state (best value and epoch, patience counter, baseline
/// reached, last epoch, stop reason) starts empty and is never reset. It is not thread-safe. It depends on no ML engine.
/// </para>
/// <para>
/// A trainer calls <see cref="Update(int, double?)"/> once per epoch with increasing 1-based epochs (null when the epoch
/// had no validation value), copies the weights when <see cref="EarlyStoppingVerdict.ShouldSnapshotWeights"/> is set,
/// and stops when <see cref="EarlyStoppingVerdict.ShouldStop"/> is set. If training ends for another reason it calls
/// <see cref="Complete(int)"/> (all epochs done) or <see cref="Cancel(int)"/>. Finally the model gets the weights of
/// <see cref="WeightsEpoch"/>: the last snapshot if <see cref="ShouldRestoreBestWeights"/>, else the current weights.
/// </para>
/// </remarks>
public sealed class EarlyStoppingMonitor
{
    private readonly EarlyStoppingOptions _options;
    private readonly ImprovementRule _rule;

    /// <summary>Creates a monitor for one training run.</summary>
    /// <param name="options">The policy. It is copied, so later changes to this object do not affect the monitor.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="EarlyStoppingOptions.Validate"/>).</exception>
    /// <exception cref="ArgumentException">Options contradict each other (see <see cref="EarlyStoppingOptions.Validate"/>).</exception>
    public EarlyStoppingMonitor(EarlyStoppingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Clone();
        _options.Validate();
        ResolvedDirection = EarlyStoppingMetricInfo.NaturalDirection(_options.Metric);
        _rule = new ImprovementRule(ResolvedDirection, _options.MinDelta, _options.MinDeltaMode);
    }

    /// <summary>A copy of the options in force; changing it does not affect the monitor.</summary>
    public EarlyStoppingOptions Options => _options.Clone();

    /// <summary>The direction in force: <see cref="MetricDirection.Minimize"/> or <see cref="MetricDirection.Maximize"/>, never Auto.</summary>
    public MetricDirection ResolvedDirection { get; }

    /// <summary>True once training has ended for any reason, including <see cref="Complete(int)"/> and <see cref="Cancel(int)"/>.</summary>
    public bool ShouldStop => StopReason != EarlyStoppingReason.None;

    /// <summary>True when training ended before its last epoch: any reason except None and MaxEpochsReached.</summary>
    public bool StoppedEarly => ShouldStop && StopReason != EarlyStoppingReason.MaxEpochsReached;

    /// <summary>Why training ended; <see cref="EarlyStoppingReason.None"/> while it runs.</summary>
    public EarlyStoppingReason StopReason { get; private set; }

    /// <summary>The epoch at which training ended (for any reason), or null while it runs.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <summary>A sentence saying why training ended and which weights the model keeps, or null while it runs.</summary>
    public string? StopMessage { get; private set; }

    /// <summary>The best epoch so far (the earliest one on ties), or null if no monitored epoch had a finite value.</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>The monitored value of <see cref="BestEpoch"/> (always finite), or null.</summary>
    public double? BestValue { get; private set; }

    /// <summary>Consecutive monitored epochs that did not reset the patience counter; training stops when it reaches Patience.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>
    /// True once an improvement has beaten <see cref="EarlyStoppingOptions.Baseline"/> (so <see cref="BestValue"/> beats it);
    /// always false when no baseline is set.
    /// </summary>
    public bool BaselineReached { get; private set; }

    /// <summary>The last epoch passed to <see cref="Update(int, double?)"/>, <see cref="Complete(int)"/> or <see cref="Cancel(int)"/>; 0 before any.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>
    /// The epoch whose weights the final model should hold: <see cref="BestEpoch"/> when
    /// <see cref="EarlyStoppingOptions.RestoreBestWeights"/> is on and a best exists, else <see cref="LastEpoch"/>;
    /// null before any epoch.
    /// </summary>
    public int? WeightsEpoch =>
        _options.RestoreBestWeights && BestEpoch is int best ? best
        : LastEpoch > 0 ? LastEpoch
        : null;

    /// <summary>
    /// True when the current weights are not those of <see cref="WeightsEpoch"/>, so the trainer must load the last
    /// snapshot: best weights are restored, a best exists and it is not the last epoch.
    /// </summary>
    public bool ShouldRestoreBestWeights => _options.RestoreBestWeights && BestEpoch is int best && best != LastEpoch;

    /// <summary>Applies the policy to one epoch.</summary>
    /// <param name="epoch">The 1-based epoch; must be greater than every epoch seen before (gaps are allowed).</param>
    /// <param name="value">The monitored value, or null when the epoch had none (for example no validation this epoch).</param>
    /// <returns>The decision for this epoch and the monitor's state after it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is below 1 or not greater than <see cref="LastEpoch"/>.</exception>
    /// <exception cref="InvalidOperationException">Training has already ended (stop, <see cref="Complete(int)"/> or <see cref="Cancel(int)"/>).</exception>
    public EarlyStoppingVerdict Update(int epoch, double? value)
    {
        if (ShouldStop)
        {
            throw new InvalidOperationException(
                $"Training already ended at epoch {StoppedEpoch} ({StopReason}); create a new {nameof(EarlyStoppingMonitor)} for a new training run.");
        }

        RequireEpochAfterLast(epoch, nameof(epoch), strictlyAfter: true);
        LastEpoch = epoch;

        if (value is not double current || epoch <= _options.StartFromEpoch)
        {
            return Verdict(epoch, value, monitored: false, improved: false, resets: false);
        }

        if (!double.IsFinite(current))
        {
            if (_options.StopOnNonFiniteMetric)
            {
                Stop(EarlyStoppingReason.NonFiniteMetric, epoch, current);
                return Verdict(epoch, value, monitored: true, improved: false, resets: false);
            }

            // Thresholds compare real measurements only: a non-finite value is a miss and nothing else.
            EpochsWithoutImprovement++;
            StopIfPatienceExhausted(epoch, current);
            return Verdict(epoch, value, monitored: true, improved: false, resets: false);
        }

        bool improved = BestValue is not double best || _rule.Beats(current, best);
        bool beatsBaseline = _options.Baseline is not double baseline || _rule.Beats(current, baseline);
        bool resets = improved && beatsBaseline;
        if (improved)
        {
            BestValue = current;
            BestEpoch = epoch;
        }

        if (resets)
        {
            EpochsWithoutImprovement = 0;
            BaselineReached = _options.Baseline.HasValue;
        }
        else
        {
            EpochsWithoutImprovement++;
        }

        if (_options.StoppingThreshold is double goal && _rule.Reaches(current, goal))
        {
            Stop(EarlyStoppingReason.StoppingThresholdReached, epoch, current);
        }
        else if (_options.DivergenceThreshold is double limit && _rule.IsWorseThan(current, limit))
        {
            Stop(EarlyStoppingReason.DivergenceThresholdExceeded, epoch, current);
        }
        else
        {
            StopIfPatienceExhausted(epoch, current);
        }

        return Verdict(epoch, value, monitored: true, improved, resets);
    }

    /// <summary>
    /// Records that training ran all its epochs without the monitor stopping it (<see cref="EarlyStoppingReason.MaxEpochsReached"/>).
    /// Does nothing if training has already ended, so the original reason is kept.
    /// </summary>
    /// <param name="lastEpoch">The last epoch trained; at least 1 and not before <see cref="LastEpoch"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastEpoch"/> is below 1 or before <see cref="LastEpoch"/>.</exception>
    public void Complete(int lastEpoch)
    {
        if (ShouldStop)
        {
            return;
        }

        RequireEpochAfterLast(lastEpoch, nameof(lastEpoch), strictlyAfter: false);
        LastEpoch = lastEpoch;
        Stop(EarlyStoppingReason.MaxEpochsReached, lastEpoch, value: null);
    }

    /// <summary>
    /// Records that training was cancelled (<see cref="EarlyStoppingReason.Cancelled"/>). Best weights are still restored
    /// if a best exists. Does nothing if training has already ended, so the original reason is kept.
    /// </summary>
    /// <param name="epoch">
    /// The epoch during which training was cancelled (or the last completed one); at least 1 and not before <see cref="LastEpoch"/>.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is below 1 or before <see cref="LastEpoch"/>.</exception>
    public void Cancel(int epoch)
    {
        if (ShouldStop)
        {
            return;
        }

        RequireEpochAfterLast(epoch, nameof(epoch), strictlyAfter: false);
        LastEpoch = epoch;
        Stop(EarlyStoppingReason.Cancelled, epoch, value: null);
    }

    private void StopIfPatienceExhausted(int epoch, double value)
    {
        if (EpochsWithoutImprovement >= _options.Patience)
        {
            EarlyStoppingReason reason = _options.Baseline.HasValue && !BaselineReached
                ? EarlyStoppingReason.BaselineNotReached
                : EarlyStoppingReason.PatienceExhausted;
            Stop(reason, epoch, value);
        }
    }

    private void Stop(EarlyStoppingReason reason, int epoch, double? value)
    {
        StopReason = reason;
        StoppedEpoch = epoch;
        StopMessage = EarlyStoppingMessages.Describe(this, _options, value);
    }

    private void RequireEpochAfterLast(int epoch, string parameterName, bool strictlyAfter)
    {
        bool ok = epoch >= 1 && (strictlyAfter ? epoch > LastEpoch : epoch >= LastEpoch);
        if (!ok)
        {
            string requirement = strictlyAfter
                ? $"greater than the last epoch seen ({LastEpoch})"
                : $"at least the last epoch seen ({LastEpoch})";
            throw new ArgumentOutOfRangeException(parameterName, epoch, $"Epochs are 1-based and must be {requirement}.");
        }
    }

    private EarlyStoppingVerdict Verdict(int epoch, double? value, bool monitored, bool improved, bool resets) => new()
    {
        Epoch = epoch,
        Value = value,
        IsMonitored = monitored,
        IsImprovement = improved,
        ResetsPatience = resets,
        ShouldSnapshotWeights = improved && _options.RestoreBestWeights,
        ShouldStop = ShouldStop,
        Reason = StopReason,
        Message = StopMessage,
        EpochsWithoutImprovement = EpochsWithoutImprovement,
        BestEpoch = BestEpoch,
        BestValue = BestValue,
        BaselineReached = BaselineReached,
    };
}
