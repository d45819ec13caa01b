using Microsoft.ML;
using Microsoft.ML.Data;

namespace Microsoft.ML.EarlyStopping.Tests.Data;

/// <summary>Reads the label and features of every row of a CIFAR data view through a plain cursor.</summary>
internal static class DataViewRows
{
    public static List<(string Label, float[] Features)> Read(IDataView data)
    {
        DataViewSchema.Column label = data.Schema["Label"];
        DataViewSchema.Column features = data.Schema["Features"];
        var rows = new List<(string, float[])>();
        using DataViewRowCursor cursor = data.GetRowCursor([label, features]);
        ValueGetter<ReadOnlyMemory<char>> getLabel = cursor.GetGetter<ReadOnlyMemory<char>>(label);
        ValueGetter<VBuffer<float>> getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        ReadOnlyMemory<char> labelValue = default;
        VBuffer<float> featuresValue = default;
        while (cursor.MoveNext())
        {
            getLabel(ref labelValue);
            getFeatures(ref featuresValue);
            rows.Add((labelValue.ToString(), featuresValue.DenseValues().ToArray()));
        }

        return rows;
    }
}
