namespace CifarDemo.Data;

/// <summary>How the loaded splits become the train, validation and test sets.</summary>
/// <param name="TestFraction">The part of the training data held out as the test set when the source has no test split.</param>
/// <param name="MaxPerClass">Caps every set at this many images per class (for quick runs); null = no cap.</param>
/// <param name="Seed">Seeds the held-out choice and the caps.</param>
internal sealed record SplitOptions(double TestFraction, int? MaxPerClass, int Seed);
