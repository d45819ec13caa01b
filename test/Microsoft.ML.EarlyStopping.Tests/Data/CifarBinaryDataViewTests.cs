using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Data;

namespace Microsoft.ML.EarlyStopping.Tests.Data;

[TestClass]
public sealed class CifarBinaryDataViewTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    public void ReportsRowCountAndDoesNotShuffle()
    {
        using var temp = new TempFolder();
        IDataView view = Load(temp, 4);

        Assert.AreEqual(4L, view.GetRowCount());
        Assert.IsFalse(view.CanShuffle);
    }

    [TestMethod]
    public void PositionAndIdsFollowTheRowsAndMoveNextStaysFalseAtTheEnd()
    {
        using var temp = new TempFolder();
        IDataView view = Load(temp, 3);
        using DataViewRowCursor cursor = view.GetRowCursor(view.Schema);
        ValueGetter<DataViewRowId> getId = cursor.GetIdGetter();

        Assert.AreEqual(-1L, cursor.Position);
        var ids = new List<DataViewRowId>();
        var positions = new List<long>();
        while (cursor.MoveNext())
        {
            DataViewRowId id = default;
            getId(ref id);
            ids.Add(id);
            positions.Add(cursor.Position);
            Assert.AreEqual(0L, cursor.Batch);
        }

        CollectionAssert.AreEqual(new long[] { 0, 1, 2 }, positions);
        Assert.HasCount(3, ids.Distinct());
        Assert.IsFalse(cursor.MoveNext());
        Assert.AreEqual(-1L, cursor.Position);
    }

    [TestMethod]
    public void GettersThrowBeforeTheFirstRowAndAfterTheLast()
    {
        using var temp = new TempFolder();
        IDataView view = Load(temp, 1);
        using DataViewRowCursor cursor = view.GetRowCursor(view.Schema);
        ValueGetter<VBuffer<float>> getFeatures = cursor.GetGetter<VBuffer<float>>(view.Schema["Features"]);
        VBuffer<float> value = default;

        Assert.ThrowsExactly<InvalidOperationException>(() => getFeatures(ref value));
        Assert.IsTrue(cursor.MoveNext());
        getFeatures(ref value);
        Assert.IsFalse(cursor.MoveNext());
        Assert.ThrowsExactly<InvalidOperationException>(() => getFeatures(ref value));
    }

    [TestMethod]
    public void OnlyRequestedColumnsAreActiveAndReadable()
    {
        using var temp = new TempFolder();
        IDataView view = Load(temp, 2);
        DataViewSchema.Column label = view.Schema["Label"];
        DataViewSchema.Column features = view.Schema["Features"];
        using DataViewRowCursor cursor = view.GetRowCursor([label]);

        Assert.IsTrue(cursor.IsColumnActive(label));
        Assert.IsFalse(cursor.IsColumnActive(features));
        Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<VBuffer<float>>(features));
    }

    [TestMethod]
    public void GetterOfTheWrongTypeIsRejected()
    {
        using var temp = new TempFolder();
        IDataView view = Load(temp, 1);
        using DataViewRowCursor cursor = view.GetRowCursor(view.Schema);

        InvalidOperationException error = Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<VBuffer<double>>(view.Schema["Features"]));

        Assert.Contains("Features", error.Message);
    }

    [TestMethod]
    public void ADisposedCursorHasNoMoreRows()
    {
        using var temp = new TempFolder();
        IDataView view = Load(temp, 3);
        DataViewRowCursor cursor = view.GetRowCursor(view.Schema);
        Assert.IsTrue(cursor.MoveNext());

        cursor.Dispose();

        Assert.IsFalse(cursor.MoveNext());
        Assert.AreEqual(-1L, cursor.Position);
    }

    [TestMethod]
    public void CursorSetIsOneCursorOverAllRows()
    {
        using var temp = new TempFolder();
        IDataView view = Load(temp, 3);

        DataViewRowCursor[] cursors = view.GetRowCursorSet(view.Schema, 4);

        Assert.HasCount(1, cursors);
        int rows = 0;
        using (cursors[0])
        {
            while (cursors[0].MoveNext())
            {
                rows++;
            }
        }

        Assert.AreEqual(3, rows);
    }

    [TestMethod]
    public void MLNetShuffleAndCacheKeepEveryRow()
    {
        using var temp = new TempFolder();
        IDataView view = Load(temp, 20);
        List<(string Label, float[] Features)> original = DataViewRows.Read(view);

        IDataView shuffled = _mlContext.Data.Cache(_mlContext.Data.ShuffleRows(view, seed: 3));
        List<(string Label, float[] Features)> rows = DataViewRows.Read(shuffled);

        Assert.HasCount(20, rows);
        CollectionAssert.AreEquivalent(
            original.Select(row => row.Label + ":" + string.Join(',', row.Features)).ToArray(),
            rows.Select(row => row.Label + ":" + string.Join(',', row.Features)).ToArray());
        CollectionAssert.AreNotEqual(original.Select(row => row.Features[0]).ToArray(), rows.Select(row => row.Features[0]).ToArray(), "the shuffle should reorder 20 distinct rows");
    }

    /// <summary>Writes <paramref name="count"/> distinct records with labels cycling through 0..9 and loads them.</summary>
    private IDataView Load(TempFolder temp, int count)
    {
        string path = temp.File("test_batch.bin");
        CifarRecords.Write(path, Enumerable.Range(0, count).Select(i => CifarRecords.Make((byte)(i % 10), i)).ToArray());
        return CifarData.LoadBinary(_mlContext, temp.Path, CifarSplit.Test).Data;
    }
}
