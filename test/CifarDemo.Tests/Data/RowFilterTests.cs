using CifarDemo.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CifarDemo.Tests.Data;

[TestClass]
public sealed class RowFilterTests
{
    [TestMethod]
    public void KeepsTheChosenRowsInOrderOnEveryPass()
    {
        var ml = new MLContext(seed: 1);
        Row[] rows = Enumerable.Range(0, 20).Select(i => new Row { Label = i % 2 == 0 ? "even" : "odd", Index = i }).ToArray();
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        bool[] keep = rows.Select(r => r.Index % 3 == 0 || r.Index == 19).ToArray();

        IDataView filtered = RowFilter.Apply(ml, data, keep);

        int[] expected = [0, 3, 6, 9, 12, 15, 18, 19];
        CollectionAssert.AreEqual(expected, filtered.GetColumn<int>(nameof(Row.Index)).ToArray());
        CollectionAssert.AreEqual(expected, filtered.GetColumn<int>(nameof(Row.Index)).ToArray(), "a second cursor sees the same rows");
        CollectionAssert.AreEqual(expected.Select(i => i % 2 == 0 ? "even" : "odd").ToArray(), RowFilter.ReadLabels(filtered));
    }

    [TestMethod]
    public void KeepingEveryRowReturnsTheDataItself()
    {
        var ml = new MLContext(seed: 1);
        IDataView data = ml.Data.LoadFromEnumerable(new[] { new Row { Label = "x" } });

        Assert.AreSame(data, RowFilter.Apply(ml, data, [true]));
    }

    private sealed class Row
    {
        public string Label { get; set; } = "";

        public int Index { get; set; }
    }
}
