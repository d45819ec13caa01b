namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>Final evaluation metrics of the trained model on one data set (for example "test").</summary>
public sealed record EvaluationEvent : TrackingEvent
{
    /// <summary>The evaluated data set's name; metric keys become <c>evaluation/&lt;name&gt;/&lt;metric&gt;</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Metric name → value.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }
}
