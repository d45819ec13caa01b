using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Data;

namespace CifarDemo.Data;

/// <summary>Keeps the rows of a data view chosen by position, lazily (no row is copied or decoded to decide).</summary>
internal static class RowFilter
{
    /// <summary>The rows of <paramref name="data"/> whose position is true in <paramref name="keep"/>.</summary>
    public static IDataView Apply(MLContext mlContext, IDataView data, IReadOnlyList<bool> keep)
    {
        if (keep.All(k => k))
            return data;
        // ML.NET's stateful filter calls the predicate on every row in order on a single cursor (it never splits into
        // parallel cursors), so a per-cursor counter is the row's position. Like FilterByCustomPredicate, true drops the row.
        return mlContext.Data.FilterByStatefulCustomPredicate<LabelRow, Position>(
            data,
            (row, position) => !(++position.Index < keep.Count && keep[position.Index]),
            position => position.Index = -1);
    }

    /// <summary>Reads the text label of every row, in order.</summary>
    public static string[] ReadLabels(IDataView data) =>
        data.GetColumn<ReadOnlyMemory<char>>(CifarColumnNames.Label).Select(label => label.ToString()).ToArray();

    /// <summary>The column the predicate reads (the cheapest one every CIFAR data view has).</summary>
    private sealed class LabelRow
    {
        public ReadOnlyMemory<char> Label { get; set; }
    }

    /// <summary>Per-cursor state: the position of the current row.</summary>
    private sealed class Position
    {
        public int Index { get; set; } = -1;
    }
}
