namespace Microsoft.ML.EarlyStopping;

/// <summary>Why a training run ended, as recorded by <see cref="EarlyStoppingMonitor"/>.</summary>
public enum EarlyStoppingReason
{
    /// <summary>Training is still running.</summary>
    None,

    /// <summary>Training ran all its epochs; the monitor never asked to stop (<see cref="EarlyStoppingMonitor.Complete(int)"/>).</summary>
    MaxEpochsReached,

    /// <summary>The metric missed <see cref="EarlyStoppingOptions.Patience"/> consecutive monitored epochs after the baseline, if any, was beaten.</summary>
    PatienceExhausted,

    /// <summary>Patience ran out before any improvement beat <see cref="EarlyStoppingOptions.Baseline"/>.</summary>
    BaselineNotReached,

    /// <summary>The monitored value was NaN or infinite and <see cref="EarlyStoppingOptions.StopOnNonFiniteMetric"/> is on.</summary>
    NonFiniteMetric,

    /// <summary>The monitored value reached <see cref="EarlyStoppingOptions.StoppingThreshold"/> (the goal).</summary>
    StoppingThresholdReached,

    /// <summary>The monitored value was strictly worse than <see cref="EarlyStoppingOptions.DivergenceThreshold"/>.</summary>
    DivergenceThresholdExceeded,

    /// <summary>The caller cancelled training (<see cref="EarlyStoppingMonitor.Cancel(int)"/>).</summary>
    Cancelled,
}
