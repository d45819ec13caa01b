using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Hosting;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>Reads a label key column and a pixel vector column once, into an <see cref="ImageTensorSet"/>.</summary>
internal static class ImageTensorSetReader
{
    /// <summary>The rows read and how many were skipped because their label was missing (key value 0).</summary>
    public sealed record Result(ImageTensorSet Set, int[] Labels, long SkippedMissingLabels);

    public static Result Read(IDataView data, TrainingColumns columns, TrainingCancellation cancellation, string what)
    {
        DataViewSchema.Column label = data.Schema[columns.LabelColumnName];
        DataViewSchema.Column features = data.Schema[columns.FeatureColumnName];
        int size = columns.FeatureSize;
        long? knownRows = data.GetRowCount();
        var bytes = new List<byte>(knownRows is long n and > 0 ? (int)Math.Min(n * size, int.MaxValue) : size * 1024);
        List<float>? floats = null;
        var labels = new List<int>(knownRows is long m and > 0 ? (int)m : 1024);
        long skipped = 0;
        uint classCount = (uint)columns.ClassNames.Count;

        using (DataViewRowCursor cursor = data.GetRowCursor(new[] { label, features }))
        {
            ValueGetter<uint> getLabel = cursor.GetGetter<uint>(label);
            ValueGetter<VBuffer<float>> getFeatures = cursor.GetGetter<VBuffer<float>>(features);
            uint key = 0;
            VBuffer<float> pixels = default;
            while (cursor.MoveNext())
            {
                if ((cursor.Position & 1023) == 0)
                    cancellation.ThrowIfRequested();
                getLabel(ref key);
                if (key == 0 || key > classCount)
                {
                    skipped++;
                    continue;
                }
                getFeatures(ref pixels);
                if (pixels.Length != size)
                    throw new InvalidOperationException($"Row {cursor.Position} of the {what} has {pixels.Length} values in '{columns.FeatureColumnName}'; expected {size}.");
                labels.Add((int)key - 1);
                foreach (float value in pixels.DenseValues())
                {
                    if (floats != null)
                    {
                        floats.Add(value);
                    }
                    else if (value >= 0 && value <= 255 && value == MathF.Floor(value))
                    {
                        bytes.Add((byte)value);
                    }
                    else
                    {
                        // Not 8-bit pixels (scaled or offset by an earlier transform): keep full precision from here on.
                        floats = new List<float>(bytes.Capacity);
                        foreach (byte b in bytes)
                            floats.Add(b);
                        floats.Add(value);
                        bytes = new List<byte>();
                    }
                }
            }
        }

        if (labels.Count == 0)
        {
            string why = skipped > 0 ? $" ({skipped} rows had a missing label)" : "";
            throw new ArgumentException($"The {what} has no rows with a label{why}.");
        }

        long[] shape = { labels.Count, columns.Channels, columns.Height, columns.Width };
        Tensor pixelTensor = floats != null ? tensor(floats.ToArray(), shape) : tensor(bytes.ToArray(), shape);
        int[] labelArray = labels.ToArray();
        Tensor labelTensor = tensor(labelArray.Select(l => (long)l).ToArray(), ScalarType.Int64);
        return new Result(new ImageTensorSet(pixelTensor, labelTensor), labelArray, skipped);
    }
}
