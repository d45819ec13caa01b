namespace CifarDemo.View;

/// <summary>What a training run is about to do, shown before the first epoch and written to the report.</summary>
/// <param name="DataDescription">Where the data came from.</param>
/// <param name="TrainCount">Images the trainer gets (it carves its validation part from them unless <paramref name="ValidationCount"/> &gt; 0).</param>
/// <param name="ValidationCount">Images of the source's own validation split (0 when the trainer carves one).</param>
/// <param name="ValidationFraction">The part of the training images the trainer holds out for validation when there is no validation split.</param>
/// <param name="TestCount">Images of the test set.</param>
/// <param name="TestDescription">What the test set is.</param>
/// <param name="ClassNames">The classes, in label order.</param>
/// <param name="Settings">Every training setting, as name and value, in display order.</param>
internal sealed record RunPlan(
    string DataDescription, int TrainCount, int ValidationCount, double ValidationFraction, int TestCount, string TestDescription,
    IReadOnlyList<string> ClassNames, IReadOnlyList<KeyValuePair<string, string>> Settings);
