namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>The optimisation algorithm.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (the original notebook's optimiser); weight decay is added to the gradient (L2).</summary>
    Adam,

    /// <summary>Adam with decoupled weight decay.</summary>
    AdamW,

    /// <summary>Stochastic gradient descent with Nesterov momentum.</summary>
    SgdNesterov,
}
