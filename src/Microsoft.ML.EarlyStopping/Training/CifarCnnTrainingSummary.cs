namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>How a <see cref="CifarCnnTrainer"/> fit went: every epoch, why it stopped and which epoch's weights the model holds.</summary>
public sealed class CifarCnnTrainingSummary
{
    internal CifarCnnTrainingSummary(
        IReadOnlyList<EpochMetrics> history, EarlyStoppingReason stopReason, int? stoppedEpoch, int? bestEpoch, double? bestValue,
        int weightsEpoch, string outcome, TimeSpan totalTime, CifarArchitecture architecture, string device,
        IReadOnlyList<string> classNames, int trainingRows, int validationRows)
    {
        History = history;
        StopReason = stopReason;
        StoppedEpoch = stoppedEpoch;
        BestEpoch = bestEpoch;
        BestValue = bestValue;
        WeightsEpoch = weightsEpoch;
        Outcome = outcome;
        TotalTime = totalTime;
        Architecture = architecture;
        Device = device;
        ClassNames = classNames;
        TrainingRows = trainingRows;
        ValidationRows = validationRows;
    }

    /// <summary>Metrics of every epoch that completed, in order.</summary>
    public IReadOnlyList<EpochMetrics> History { get; }

    /// <summary>Why training ended (<see cref="EarlyStoppingReason.MaxEpochsReached"/> when it used the whole budget).</summary>
    public EarlyStoppingReason StopReason { get; }

    /// <summary>The epoch in which early stopping (or cancellation) ended training; null when the budget ran out.</summary>
    public int? StoppedEpoch { get; }

    /// <summary>The epoch with the best monitored value; null when early stopping was off or no epoch qualified.</summary>
    public int? BestEpoch { get; }

    /// <summary>The best monitored value; null when <see cref="BestEpoch"/> is null.</summary>
    public double? BestValue { get; }

    /// <summary>The epoch whose weights the returned model holds (the best epoch when best weights were restored, else the last).</summary>
    public int WeightsEpoch { get; }

    /// <summary>A sentence saying why training stopped and which weights were kept, for logs and reports.</summary>
    public string Outcome { get; }

    /// <summary>Wall-clock time of the whole fit, from reading the data to building the scoring model.</summary>
    public TimeSpan TotalTime { get; }

    /// <summary>The trained architecture.</summary>
    public CifarArchitecture Architecture { get; }

    /// <summary>The device training ran on, e.g. "cpu (2 threads)".</summary>
    public string Device { get; }

    /// <summary>Class names in label-key order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of images trained on.</summary>
    public int TrainingRows { get; }

    /// <summary>Number of validation images (0 without validation).</summary>
    public int ValidationRows { get; }
}
