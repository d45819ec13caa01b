using System.Diagnostics;
using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Training;
using Microsoft.ML.EarlyStopping.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Benchmarks;

/// <summary>
/// Scoring rows/s through a saved and reloaded model.zip (<c>Transform</c>, reading every Score) against batched
/// TorchSharp evaluation of the same architecture, alternating the two.
/// </summary>
internal static class InferenceBenchmark
{
    public sealed record Result(string Architecture, int Rows, double RawRowsPerSecond, double ZipRowsPerSecond)
    {
        public double Ratio => ZipRowsPerSecond / RawRowsPerSecond;
    }

    public static Result Run(CifarArchitecture architecture, int width, int rows, int rounds)
    {
        var ml = new MLContext(seed: 1);
        byte[] records = SyntheticCifar.Records(rows, seed: 3);
        IDataView data = ml.Data.Cache(SyntheticCifar.KeyedDataView(ml, records));
        var options = new CifarCnnTrainer.Options
        {
            Architecture = architecture, NetworkWidth = width, MaxEpochs = 1, EarlyStopping = null, ValidationFraction = 0, Seed = 1,
        };
        // Both sides compute the same function: the recipe's test-time flip (Airbench) doubles the work of each.
        bool testTimeFlip = architecture == CifarArchitecture.Airbench;
        CifarCnnTransformer trained = ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(ml.Data.TakeRows(data, 256));
        string zip = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.zip");
        ml.Model.Save(trained, data.Schema, zip);
        ITransformer loaded = new MLContext().Model.Load(zip, out _);

        using CifarNetwork network = NetworkFactory.Create(architecture, width, 10, 32, 32);
        network.TestTimeFlip = testTimeFlip;
        network.eval();
        var pixels = new byte[rows * 3072];
        for (int i = 0; i < rows; i++)
            Array.Copy(records, i * 3073 + 1, pixels, i * 3072, 3072);
        using Tensor all = tensor(pixels, new long[] { rows, 3, 32, 32 });

        var raw = new List<double>();
        var zipped = new List<double>();
        try
        {
            RawEval(network, all, rows);
            ZipScore(loaded, data);
            for (int round = 0; round < rounds; round++)
            {
                raw.Add(RawEval(network, all, rows));
                zipped.Add(ZipScore(loaded, data));
                Console.WriteLine($"  {architecture} round {round + 1}: raw {raw[^1]:F0} rows/s, model.zip {zipped[^1]:F0} rows/s");
            }
        }
        finally
        {
            (loaded as IDisposable)?.Dispose();
            File.Delete(zip);
        }
        return new Result(architecture.ToString(), rows, raw.Order().ElementAt(raw.Count / 2), zipped.Order().ElementAt(zipped.Count / 2));
    }

    private static double RawEval(CifarNetwork network, Tensor all, int rows)
    {
        var clock = Stopwatch.StartNew();
        using (no_grad())
        {
            for (int start = 0; start < rows; start += 500)
            {
                using var scope = NewDisposeScope();
                nn.functional.softmax(network.forward(all.narrow(0, start, Math.Min(500, rows - start))), 1).sum().item<float>();
            }
        }
        return rows / clock.Elapsed.TotalSeconds;
    }

    private static double ZipScore(ITransformer model, IDataView data)
    {
        var clock = Stopwatch.StartNew();
        IDataView scored = model.Transform(data);
        int count = 0;
        using (DataViewRowCursor cursor = scored.GetRowCursor(new[] { scored.Schema["Score"] }))
        {
            ValueGetter<VBuffer<float>> score = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                score(ref value);
                count++;
            }
        }
        return count / clock.Elapsed.TotalSeconds;
    }
}
