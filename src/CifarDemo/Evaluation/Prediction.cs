namespace CifarDemo.Evaluation;

/// <summary>What a model says about one image: the most likely classes with their probabilities, or why it could not say.</summary>
/// <param name="ImagePath">The image file, as given.</param>
/// <param name="Top">The most likely classes, most likely first; empty when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the image could not be classified, or null.</param>
internal sealed record Prediction(string ImagePath, IReadOnlyList<ClassProbability> Top, string? Error);

/// <summary>One class and the probability the model gives it.</summary>
internal readonly record struct ClassProbability(string ClassName, float Probability);
