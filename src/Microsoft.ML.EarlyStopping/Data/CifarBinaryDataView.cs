using Microsoft.ML.Data;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// An <see cref="IDataView"/> over validated CIFAR images held as bytes; pixels become floats only when a cursor
/// asks for them, so 50,000 images cost 150 MB rather than 600 MB. The bytes are either CIFAR-10 binary records
/// back to back (as read from .bin files) or one pixel array per image with a label array (as decoded from an
/// archive, which then needs no second copy to put the images in row order).
/// </summary>
internal sealed class CifarBinaryDataView : IDataView
{
    private readonly byte[]? _records;
    private readonly byte[]? _rowLabels;
    private readonly byte[][]? _rowPixels;
    private readonly ReadOnlyMemory<char>[] _labels;

    /// <param name="records">Whole binary records: a label byte, then the planar pixel bytes.</param>
    /// <param name="classNames">The class names in label order.</param>
    public CifarBinaryDataView(byte[] records, IReadOnlyList<string> classNames)
        : this(records.Length / CifarImageLayout.RecordLength, classNames)
    {
        _records = records;
    }

    /// <param name="labels">The label byte of each row.</param>
    /// <param name="pixels">The planar pixel bytes (3,072) of each row.</param>
    /// <param name="classNames">The class names in label order.</param>
    public CifarBinaryDataView(byte[] labels, byte[][] pixels, IReadOnlyList<string> classNames)
        : this(labels.Length, classNames)
    {
        if (pixels.Length != labels.Length)
        {
            throw new ArgumentException($"Got {labels.Length} labels but {pixels.Length} pixel arrays.", nameof(pixels));
        }

        _rowLabels = labels;
        _rowPixels = pixels;
    }

    private CifarBinaryDataView(int rowCount, IReadOnlyList<string> classNames)
    {
        _labels = classNames.Select(name => name.AsMemory()).ToArray();
        RowCount = rowCount;

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

    internal ReadOnlyMemory<char> Label(int row) =>
        _labels[_records is not null ? _records[row * CifarImageLayout.RecordLength] : _rowLabels![row]];

    internal ReadOnlySpan<byte> Pixels(int row) => _records is not null
        ? _records.AsSpan(row * CifarImageLayout.RecordLength + 1, CifarImageLayout.FeatureLength)
        : _rowPixels![row];

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
