using Microsoft.ML.Data;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// An <see cref="IDataView"/> over validated CIFAR-10 binary records held as bytes; pixels become floats only
/// when a cursor asks for them, so 50,000 images cost 150 MB rather than 600 MB.
/// </summary>
internal sealed class CifarBinaryDataView : IDataView
{
    private readonly byte[] _records;
    private readonly ReadOnlyMemory<char>[] _labels;

    public CifarBinaryDataView(byte[] records, IReadOnlyList<string> classNames)
    {
        _records = records;
        _labels = classNames.Select(name => name.AsMemory()).ToArray();
        RowCount = records.Length / CifarImageLayout.RecordLength;

        var builder = new DataViewSchema.Builder();
        builder.AddColumn(CifarColumnNames.Label, TextDataViewType.Instance);
        builder.AddColumn(CifarColumnNames.Features, CifarImageLayout.FeaturesType);
        Schema = builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    /// <summary>Rows come in file order; ML.NET shuffles through its own shuffle transform when asked.</summary>
    public bool CanShuffle => false;

    public int RowCount { get; }

    public long? GetRowCount() => RowCount;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        ArgumentNullException.ThrowIfNull(columnsNeeded);
        var active = new bool[Schema.Count];
        foreach (DataViewSchema.Column column in columnsNeeded)
        {
            active[CheckColumn(column)] = true;
        }

        return new CifarBinaryCursor(this, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    internal ReadOnlyMemory<char> Label(int row) => _labels[_records[row * CifarImageLayout.RecordLength]];

    internal ReadOnlySpan<byte> Pixels(int row) =>
        _records.AsSpan(row * CifarImageLayout.RecordLength + 1, CifarImageLayout.FeatureLength);

    /// <summary>Returns the index of <paramref name="column"/> after checking that it belongs to this schema.</summary>
    internal int CheckColumn(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= Schema.Count || Schema[column.Index].Name != column.Name || !Schema[column.Index].Type.Equals(column.Type))
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"Column '{column.Name}' (index {column.Index}) is not a column of this CIFAR-10 data view.");
        }

        return column.Index;
    }
}
