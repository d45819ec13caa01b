using Microsoft.ML.EarlyStopping.Data;

namespace Microsoft.ML.EarlyStopping.Benchmarks;

/// <summary>Random CIFAR-shaped records (label byte + 3072 pixel bytes) for throughput measurements, where accuracy does not matter.</summary>
internal static class SyntheticCifar
{
    public static byte[] Records(int count, int seed)
    {
        var random = new Random(seed);
        var records = new byte[count * 3073];
        random.NextBytes(records);
        for (int i = 0; i < count; i++)
            records[i * 3073] = (byte)(i % 10);
        return records;
    }

    /// <summary>The records as the binary reader's IDataView (Label text, Features 3×32×32), label mapped to a key.</summary>
    public static IDataView KeyedDataView(MLContext ml, byte[] records)
    {
        IDataView view = new CifarBinaryDataView(records, CifarClassNames.Cifar10);
        return ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Fit(view).Transform(view);
    }
}
