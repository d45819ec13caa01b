namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>How training ended: the early-stopping outcome and the trainer's end state.</summary>
public sealed record TrainingOutcomeEvent : TrackingEvent
{
    /// <summary>Finished, failed or killed (cancelled).</summary>
    public required RunEndState State { get; init; }

    /// <summary>The stop reason (an <see cref="EarlyStoppingReason"/> name), or null when training failed before producing a summary.</summary>
    public string? StopReason { get; init; }

    /// <summary>Number of completed epochs.</summary>
    public int EpochsCompleted { get; init; }

    /// <summary>The epoch in which training stopped early, if it did.</summary>
    public int? StoppedEpoch { get; init; }

    /// <summary>The epoch with the best monitored value, if any.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>The best monitored value, if any.</summary>
    public double? BestValue { get; init; }

    /// <summary>The epoch whose weights the model holds.</summary>
    public int? WeightsEpoch { get; init; }

    /// <summary>The trainer's sentence about why training stopped and which weights were kept.</summary>
    public string? Outcome { get; init; }

    /// <summary>For a failed or cancelled fit: the exception type and message (secrets redacted).</summary>
    public string? Error { get; init; }

    /// <summary>Wall-clock seconds of the whole fit, when known.</summary>
    public double? TotalSeconds { get; init; }
}
