using System.Diagnostics;
using Microsoft.ML.EarlyStopping.Training;
using Microsoft.ML.EarlyStopping.Training.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Benchmarks;

/// <summary>
/// Training throughput through <c>Fit</c> against a raw TorchSharp loop over pre-built batch tensors, alternating the
/// two in one process so the ratio holds on a noisy machine. Both use the same network, optimiser and batch size,
/// without augmentation and with a constant learning rate, so the difference is the pipeline's overhead.
/// </summary>
internal static class ThroughputBenchmark
{
    public sealed record Result(string Architecture, int Width, int Images, int BatchSize, int Threads, double[] RawImagesPerSecond, double[] FitEpochImagesPerSecond, double[] FitTotalImagesPerSecond)
    {
        public double RawMedian => Median(RawImagesPerSecond);
        public double FitEpochMedian => Median(FitEpochImagesPerSecond);
        public double FitTotalMedian => Median(FitTotalImagesPerSecond);
        public double EpochRatio => FitEpochMedian / RawMedian;
        public double TotalRatio => FitTotalMedian / RawMedian;
    }

    public static Result Run(CifarArchitecture architecture, int width, int images, int batchSize, int rounds)
    {
        var ml = new MLContext(seed: 1);
        byte[] records = SyntheticCifar.Records(images, seed: 7);
        IDataView data = SyntheticCifar.KeyedDataView(ml, records);
        var (xs, ys) = PrebuiltBatches(records, images, batchSize);
        var raw = new List<double>();
        var fitEpoch = new List<double>();
        var fitTotal = new List<double>();
        try
        {
            // One untimed warm-up of each path (JIT, allocator, libtorch kernels).
            RawEpoch(architecture, width, xs, ys, images);
            FitOnce(ml, data, architecture, width, batchSize, images);
            for (int round = 0; round < rounds; round++)
            {
                raw.Add(RawEpoch(architecture, width, xs, ys, images));
                (double epoch, double total) = FitOnce(ml, data, architecture, width, batchSize, images);
                fitEpoch.Add(epoch);
                fitTotal.Add(total);
                Console.WriteLine($"  {architecture} round {round + 1}: raw {raw[^1]:F0} img/s, Fit epoch {epoch:F0} img/s, whole Fit {total:F0} img/s");
            }
        }
        finally
        {
            foreach (Tensor t in xs.Concat(ys))
                t.Dispose();
        }
        return new Result(architecture.ToString(), width, images, batchSize, torch.get_num_threads(), raw.ToArray(), fitEpoch.ToArray(), fitTotal.ToArray());
    }

    /// <summary>Fit's training img/s with NCHW and with channels-last layout, alternating.</summary>
    public static (double[] Nchw, double[] ChannelsLast) CompareLayouts(CifarArchitecture architecture, int width, int images, int batchSize, int rounds)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = SyntheticCifar.KeyedDataView(ml, SyntheticCifar.Records(images, seed: 7));
        var nchw = new List<double>();
        var last = new List<double>();
        FitOnce(ml, data, architecture, width, batchSize, images, channelsLast: false);
        FitOnce(ml, data, architecture, width, batchSize, images, channelsLast: true);
        for (int round = 0; round < rounds; round++)
        {
            nchw.Add(FitOnce(ml, data, architecture, width, batchSize, images, channelsLast: false).Epoch);
            last.Add(FitOnce(ml, data, architecture, width, batchSize, images, channelsLast: true).Epoch);
            Console.WriteLine($"  {architecture} round {round + 1}: NCHW {nchw[^1]:F0} img/s, channels-last {last[^1]:F0} img/s");
        }
        return (nchw.ToArray(), last.ToArray());
    }

    private static (Tensor[] X, Tensor[] Y) PrebuiltBatches(byte[] records, int images, int batchSize)
    {
        var xs = new List<Tensor>();
        var ys = new List<Tensor>();
        for (int start = 0; start < images; start += batchSize)
        {
            int n = Math.Min(batchSize, images - start);
            var pixels = new byte[n * 3072];
            var labels = new long[n];
            for (int i = 0; i < n; i++)
            {
                labels[i] = records[(start + i) * 3073];
                Array.Copy(records, (start + i) * 3073 + 1, pixels, i * 3072, 3072);
            }
            xs.Add(tensor(pixels, new long[] { n, 3, 32, 32 }));
            ys.Add(tensor(labels));
        }
        return (xs.ToArray(), ys.ToArray());
    }

    private static double RawEpoch(CifarArchitecture architecture, int width, Tensor[] xs, Tensor[] ys, int images)
    {
        torch.manual_seed(1);
        bool seed = architecture == CifarArchitecture.Seed;
        using CifarNetwork network = NetworkFactory.Create(architecture, width, 10, 32, 32);
        using optim.Optimizer optimizer = OptimizerFactory.Create(
            seed ? OptimizerKind.Adam : OptimizerKind.SgdNesterov, network, seed ? 1e-3 : 0.05, 0.9, seed ? 0 : 5e-4);
        network.train();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < xs.Length; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = nn.functional.cross_entropy(network.forward(xs[i]), ys[i], label_smoothing: seed ? 0 : 0.1);
            loss.backward();
            optimizer.step();
        }
        return images / clock.Elapsed.TotalSeconds;
    }

    private static (double Epoch, double Total) FitOnce(MLContext ml, IDataView data, CifarArchitecture architecture, int width, int batchSize, int images, bool channelsLast = true)
    {
        var options = new CifarCnnTrainer.Options
        {
            Architecture = architecture,
            NetworkWidth = width,
            MaxEpochs = 1,
            BatchSize = batchSize,
            EarlyStopping = null,
            ValidationFraction = 0,
            Augment = false,
            LearningRateSchedule = LearningRateScheduleKind.Constant,
            Seed = 1,
            ChannelsLast = channelsLast,
        };
        var clock = Stopwatch.StartNew();
        CifarCnnTransformer model = ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(data);
        double total = images / clock.Elapsed.TotalSeconds;
        return (model.TrainingSummary.History[0].ImagesPerSecond, total);
    }

    private static double Median(double[] values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
