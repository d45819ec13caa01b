using Microsoft.ML.Data;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>The columns a trained model adds, described for <c>GetOutputSchema</c> before training.</summary>
internal static class OutputColumns
{
    public const string Score = "Score";
    public const string PredictedLabel = "PredictedLabel";

    /// <summary>
    /// The input shape plus <c>Score</c> (a Single vector with slot names) and <c>PredictedLabel</c> (a key with key values).
    /// <see cref="SchemaShape.Column"/> has no public constructor, so the two columns are described by a real schema
    /// with the same types and turned into shape columns by <see cref="SchemaShape.Create(DataViewSchema)"/>.
    /// </summary>
    public static SchemaShape Append(SchemaShape input)
    {
        // A shape carries no vector sizes or key counts, so any class count describes the columns equally well.
        const int classCount = 2;
        var builder = new DataViewSchema.Builder();
        var slotNames = new DataViewSchema.Annotations.Builder();
        slotNames.AddSlotNames(classCount, (ref VBuffer<ReadOnlyMemory<char>> names) => names = default);
        builder.AddColumn(Score, new VectorDataViewType(NumberDataViewType.Single, classCount), slotNames.ToAnnotations());
        var keyValues = new DataViewSchema.Annotations.Builder();
        keyValues.AddKeyValues(classCount, TextDataViewType.Instance, (ref VBuffer<ReadOnlyMemory<char>> names) => names = default);
        builder.AddColumn(PredictedLabel, new KeyDataViewType(typeof(uint), classCount), keyValues.ToAnnotations());
        SchemaShape added = SchemaShape.Create(builder.ToSchema());

        var columns = input.ToDictionary(c => c.Name);
        foreach (SchemaShape.Column column in added)
            columns[column.Name] = column;
        return new SchemaShape(columns.Values);
    }

    /// <summary>Checks an input shape for the label (key) and feature (known-size Single vector) columns.</summary>
    public static void CheckInput(SchemaShape input, string labelColumn, string featureColumn, int featureSize)
    {
        if (!input.TryFindColumn(labelColumn, out SchemaShape.Column label))
            throw new ArgumentException($"The input has no label column '{labelColumn}'.", "labelColumnName");
        if (!label.IsKey)
            throw new ArgumentException($"The label column '{labelColumn}' must be a key type (map it with MapValueToKey), but it is {label.ItemType}.", "labelColumnName");
        if (!input.TryFindColumn(featureColumn, out SchemaShape.Column features))
            throw new ArgumentException($"The input has no feature column '{featureColumn}'.", "featureColumnName");
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw new ArgumentException($"The feature column '{featureColumn}' must be a known-size vector of {featureSize} Singles, but it is {features.Kind} of {features.ItemType}.", "featureColumnName");
    }
}
