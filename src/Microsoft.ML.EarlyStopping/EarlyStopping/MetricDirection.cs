namespace Microsoft.ML.EarlyStopping;

/// <summary>Whether a smaller or a larger monitored value is better.</summary>
public enum MetricDirection
{
    /// <summary>Take the direction from the metric: losses are minimized, accuracy is maximized.</summary>
    Auto,

    /// <summary>Smaller is better.</summary>
    Minimize,

    /// <summary>Larger is better.</summary>
    Maximize,
}
