using Microsoft.ML.Data;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>What a trainer needs to know about its label and feature columns, checked against a schema up front.</summary>
internal sealed class TrainingColumns
{
    private TrainingColumns(string label, string features, IReadOnlyList<string> classNames, int channels, int height, int width)
    {
        LabelColumnName = label;
        FeatureColumnName = features;
        ClassNames = classNames;
        Channels = channels;
        Height = height;
        Width = width;
    }

    public string LabelColumnName { get; }

    public string FeatureColumnName { get; }

    /// <summary>Class names in key order (key value k names class k − 1).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int FeatureSize => Channels * Height * Width;

    /// <summary>Checks that the label is a key with at least two values and the features a float vector of C×H×W.</summary>
    /// <exception cref="ArgumentException">A column is missing or has the wrong type or size.</exception>
    public static TrainingColumns FromSchema(DataViewSchema schema, string labelColumn, string featureColumn, int channels, int height, int width, string what = "training data")
    {
        DataViewSchema.Column label = schema.GetColumnOrNull(labelColumn)
            ?? throw new ArgumentException($"The {what} has no label column '{labelColumn}'. Columns present: {Describe(schema)}.", "labelColumnName");
        if (label.Type is not KeyDataViewType key)
        {
            throw new ArgumentException(
                $"The label column '{labelColumn}' of the {what} must be a key type, but it is {label.Type}. " +
                "Map it first, e.g. mlContext.Transforms.Conversion.MapValueToKey(\"" + labelColumn + "\", keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue).",
                "labelColumnName");
        }
        if (key.Count < 2 || key.Count > int.MaxValue)
            throw new ArgumentException($"The label column '{labelColumn}' of the {what} has {key.Count} classes; at least 2 are needed.", "labelColumnName");

        DataViewSchema.Column features = schema.GetColumnOrNull(featureColumn)
            ?? throw new ArgumentException($"The {what} has no feature column '{featureColumn}'. Columns present: {Describe(schema)}.", "featureColumnName");
        int expected = channels * height * width;
        if (features.Type is not VectorDataViewType vector || vector.ItemType != NumberDataViewType.Single || vector.Size != expected)
        {
            throw new ArgumentException(
                $"The feature column '{featureColumn}' of the {what} must be a vector of {expected} Single values " +
                $"({channels} channels × {height} × {width}, planar CHW), but it is {features.Type}.",
                "featureColumnName");
        }

        return new TrainingColumns(labelColumn, featureColumn, ReadClassNames(label, (int)key.Count), channels, height, width);
    }

    /// <summary>Checks that a second data set (e.g. validation) has the same label classes and feature shape.</summary>
    public void CheckCompatible(DataViewSchema schema, string what)
    {
        TrainingColumns other = FromSchema(schema, LabelColumnName, FeatureColumnName, Channels, Height, Width, what);
        if (!other.ClassNames.SequenceEqual(ClassNames))
        {
            throw new ArgumentException(
                $"The {what}'s label column '{LabelColumnName}' has classes [{string.Join(", ", other.ClassNames)}] but the training data has " +
                $"[{string.Join(", ", ClassNames)}]. Map both with the same fitted MapValueToKey transformer.",
                "validationSet");
        }
    }

    private static IReadOnlyList<string> ReadClassNames(DataViewSchema.Column label, int count)
    {
        var names = new string[count];
        if (label.HasKeyValues())
        {
            VBuffer<ReadOnlyMemory<char>> values = default;
            label.GetKeyValues(ref values);
            int i = 0;
            foreach (ReadOnlyMemory<char> value in values.DenseValues())
            {
                if (i < count)
                    names[i] = value.ToString();
                i++;
            }
        }
        for (int i = 0; i < count; i++)
            names[i] ??= i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return names;
    }

    private static string Describe(DataViewSchema schema) =>
        schema.Count == 0 ? "none" : string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}' ({c.Type})"));
}
