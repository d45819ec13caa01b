namespace CifarDemo.Evaluation;

/// <summary>How a model did on a labelled set.</summary>
/// <param name="Count">Images evaluated.</param>
/// <param name="Accuracy">Fraction of images classified right (micro accuracy).</param>
/// <param name="MacroAccuracy">Mean of the per-class accuracies.</param>
/// <param name="LogLoss">Mean negative log of the probability given to the true class.</param>
/// <param name="ClassNames">Class names in label order.</param>
/// <param name="PerClassAccuracy">For every class, the fraction of its images classified right (recall).</param>
/// <param name="Confusion">Counts: <c>Confusion[actual][predicted]</c>.</param>
internal sealed record EvaluationResult(
    int Count, double Accuracy, double MacroAccuracy, double LogLoss, IReadOnlyList<string> ClassNames,
    IReadOnlyList<double> PerClassAccuracy, IReadOnlyList<IReadOnlyList<int>> Confusion);
