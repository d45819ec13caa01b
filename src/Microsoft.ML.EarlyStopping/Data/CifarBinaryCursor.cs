using Microsoft.ML.Data;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Walks the rows of a <see cref="CifarBinaryDataView"/> in order, converting pixel bytes to floats on demand.</summary>
internal sealed class CifarBinaryCursor : DataViewRowCursor
{
    private const int LabelIndex = 0;
    private const int FeaturesIndex = 1;

    private readonly CifarBinaryDataView _view;
    private readonly bool[] _active;
    private long _position = -1;
    private bool _done;

    public CifarBinaryCursor(CifarBinaryDataView view, bool[] active)
    {
        _view = view;
        _active = active;
    }

    public override DataViewSchema Schema => _view.Schema;

    public override long Position => _position;

    /// <summary>A single cursor serves all rows, so every row is in batch 0.</summary>
    public override long Batch => 0;

    public override bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        if (_position + 1 < _view.RowCount)
        {
            _position++;
            return true;
        }

        _done = true;
        _position = -1;
        return false;
    }

    public override bool IsColumnActive(DataViewSchema.Column column) => _active[_view.CheckColumn(column)];

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
    {
        int index = _view.CheckColumn(column);
        if (!_active[index])
        {
            throw new InvalidOperationException($"Column '{column.Name}' was not requested when this cursor was created.");
        }

        Type expected = column.Type.RawType;
        if (typeof(TValue) != expected)
        {
            throw new InvalidOperationException(
                $"Column '{column.Name}' holds {expected.Name} values; a getter of {typeof(TValue).Name} was requested.");
        }

        Delegate getter = index switch
        {
            LabelIndex => (ValueGetter<ReadOnlyMemory<char>>)GetLabel,
            FeaturesIndex => (ValueGetter<VBuffer<float>>)GetFeatures,
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
        return (ValueGetter<TValue>)getter;
    }

    public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId value) =>
    {
        value = new DataViewRowId((ulong)CurrentRow(), 0);
    };

    protected override void Dispose(bool disposing)
    {
        _done = true;
        _position = -1;
        base.Dispose(disposing);
    }

    private void GetLabel(ref ReadOnlyMemory<char> value) => value = _view.Label(CurrentRow());

    private void GetFeatures(ref VBuffer<float> value)
    {
        ReadOnlySpan<byte> pixels = _view.Pixels(CurrentRow());
        VBufferEditor<float> editor = VBufferEditor.Create(ref value, pixels.Length);
        Span<float> values = editor.Values;
        for (int i = 0; i < pixels.Length; i++)
        {
            values[i] = pixels[i];
        }

        value = editor.Commit();
    }

    private int CurrentRow()
    {
        if (_position < 0)
        {
            throw new InvalidOperationException(
                _done ? "The cursor has moved past the last row or was disposed." : "Call MoveNext before reading values from the cursor.");
        }

        return (int)_position;
    }
}
