namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>How the learning rate changes during training.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The learning rate stays at its initial value.</summary>
    Constant,

    /// <summary>
    /// Multiplies the learning rate by a factor when the monitored validation value has not improved for a number of
    /// epochs. It never resets or otherwise touches the early-stopping counter; give it a smaller patience than early
    /// stopping so that it gets a chance to act before training stops.
    /// </summary>
    ReduceOnPlateau,

    /// <summary>
    /// Linear warm-up from a tenth of the learning rate to the full rate over the first part of the epoch budget, then a
    /// linear decay to zero at the last step of the maximum number of epochs (updated every batch).
    /// </summary>
    OneCycle,

    /// <summary>Optional linear warm-up, then cosine decay to zero at the last step of the maximum number of epochs (updated every batch).</summary>
    Cosine,
}
