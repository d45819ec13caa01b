namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>What <see cref="ITrainingObserver.OnTrainingStarted"/> receives: every resolved option and the shape of the data.</summary>
public sealed record TrainingStartedEvent
{
    /// <summary>The trained architecture.</summary>
    public required CifarArchitecture Architecture { get; init; }

    /// <summary>
    /// Every training option after the architecture's recipe filled in the defaults, as name/value strings in invariant
    /// culture (for example <c>LearningRate = 0.05</c>, <c>EarlyStopping.Patience = 10</c>), in a fixed order.
    /// </summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; }

    /// <summary>Class names in label-key order.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Number of images trained on.</summary>
    public required int TrainingRows { get; init; }

    /// <summary>Number of validation images (0 without validation).</summary>
    public required int ValidationRows { get; init; }

    /// <summary>The device training runs on, e.g. "cpu (2 threads)".</summary>
    public required string Device { get; init; }

    /// <summary>When training started.</summary>
    public required DateTimeOffset StartTime { get; init; }
}
