using Microsoft.ML;

namespace CifarDemo.Data;

/// <summary>The sets a run uses, still with text labels.</summary>
/// <param name="Train">The training set (the trainer carves its validation part from it when <paramref name="Validation"/> is null).</param>
/// <param name="TrainCount">Rows in <paramref name="Train"/>.</param>
/// <param name="Validation">The source's own validation split, or null.</param>
/// <param name="ValidationCount">Rows in <paramref name="Validation"/> (0 when null).</param>
/// <param name="Test">The test set.</param>
/// <param name="TestCount">Rows in <paramref name="Test"/>.</param>
/// <param name="TestIsHeldOut">True when the test set was held out of the training data (the source has no test split).</param>
/// <param name="TestDescription">A sentence saying what the test set is, for the console and the report.</param>
/// <param name="ClassNames">Class names of the training split, in label order.</param>
internal sealed record PreparedData(
    IDataView Train, int TrainCount, IDataView? Validation, int ValidationCount, IDataView Test, int TestCount,
    bool TestIsHeldOut, string TestDescription, IReadOnlyList<string> ClassNames);
