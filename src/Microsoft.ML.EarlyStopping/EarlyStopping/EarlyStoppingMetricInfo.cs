namespace Microsoft.ML.EarlyStopping;

/// <summary>What the policy knows about each <see cref="EarlyStoppingMetric"/>: its direction and its name in messages.</summary>
internal static class EarlyStoppingMetricInfo
{
    /// <summary>The only sensible direction for the metric: losses fall, accuracy rises.</summary>
    public static MetricDirection NaturalDirection(EarlyStoppingMetric metric) => metric switch
    {
        EarlyStoppingMetric.ValidationLoss or EarlyStoppingMetric.TrainingLoss => MetricDirection.Minimize,
        EarlyStoppingMetric.ValidationAccuracy => MetricDirection.Maximize,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown early-stopping metric."),
    };

    /// <summary>The metric as users read it in messages, e.g. "validation loss".</summary>
    public static string DisplayName(EarlyStoppingMetric metric) => metric switch
    {
        EarlyStoppingMetric.ValidationLoss => "validation loss",
        EarlyStoppingMetric.ValidationAccuracy => "validation accuracy",
        EarlyStoppingMetric.TrainingLoss => "training loss",
        _ => metric.ToString(),
    };
}
