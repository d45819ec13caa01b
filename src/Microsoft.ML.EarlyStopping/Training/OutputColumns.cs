using Microsoft.ML.Data;
namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>The columns a trained model adds, described for <c>GetOutputSchema</c> before training.</summary>
internal static class OutputColumns
{
    public const string Score = "Score";
    public const string PredictedLabel = "PredictedLabel";

    /// <summary>
    /// The input shape plus <c>Score</c> (a Single vector) and <c>PredictedLabel</c> (a key like the label).
    /// <see cref="SchemaShape.Column"/> has no public constructor, so the two columns come from a stand-in chain of public
    /// estimators that yields the same kinds and types: concatenating the pixel vector gives a Single vector, copying
    /// the label gives a key column with the label's key values.
    /// </summary>
    public static SchemaShape Append(SchemaShape input, string labelColumn, string featureColumn)
    {
        var ml = new MLContext();
        IEstimator<ITransformer> standIn = ml.Transforms.Concatenate(Score, featureColumn)
            .Append(ml.Transforms.CopyColumns(PredictedLabel, labelColumn));
        return standIn.GetOutputSchema(input);
    }

    /// <summary>Checks an input shape for the label (key) and feature (known-size Single vector) columns.</summary>
    public static void CheckInput(SchemaShape input, string labelColumn, string featureColumn, int featureSize)
    {
        SchemaShape.Column label = input.FirstOrDefault(c => c.Name == labelColumn);
        if (label.Name == null)
            throw new ArgumentException($"The input has no label column '{labelColumn}'.", "labelColumnName");
        if (!label.IsKey)
            throw new ArgumentException($"The label column '{labelColumn}' must be a key type (map it with MapValueToKey), but it is {label.ItemType}.", "labelColumnName");
        SchemaShape.Column features = input.FirstOrDefault(c => c.Name == featureColumn);
        if (features.Name == null)
            throw new ArgumentException($"The input has no feature column '{featureColumn}'.", "featureColumnName");
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"The feature column '{featureColumn}' must be a known-size vector of {featureSize} Singles, but it is {features.Kind} of {features.ItemType}.", "featureColumnName");
    }
}
