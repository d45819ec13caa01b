namespace Microsoft.ML.EarlyStopping;

/// <summary>The per-epoch value that early stopping watches.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>Mean loss on the validation set, minimized. The default, and the right choice when a validation set exists.</summary>
    ValidationLoss,

    /// <summary>Accuracy on the validation set (a fraction in [0, 1]), maximized.</summary>
    ValidationAccuracy,

    /// <summary>
    /// Mean training loss, minimized. Only for runs without a validation set, chosen explicitly: the training loss
    /// keeps falling while the model overfits, so it rarely triggers patience and cannot select a model that generalizes.
    /// </summary>
    TrainingLoss,
}
