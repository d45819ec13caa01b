namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>What the training loop hands back: the history and how it ended. The network itself already holds the kept weights.</summary>
internal sealed record TrainingLoopResult(
    IReadOnlyList<EpochMetrics> History,
    EarlyStoppingReason StopReason,
    int? StoppedEpoch,
    int? BestEpoch,
    double? BestValue,
    int WeightsEpoch,
    string Outcome,
    bool Cancelled);
