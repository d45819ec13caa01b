using System.Diagnostics;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML.EarlyStopping.Benchmarks;

/// <summary>Peak resident memory of one epoch of <c>Fit</c> on a CIFAR-sized (50,000 images) synthetic data set, with the default validation split.</summary>
internal static class MemoryBenchmark
{
    public sealed record Result(string Architecture, int Images, double Seconds, double PeakGigabytes);

    public static Result Run(int images, CifarArchitecture architecture)
    {
        var ml = new MLContext(seed: 1);
        IDataView data = SyntheticCifar.KeyedDataView(ml, SyntheticCifar.Records(images, seed: 5));
        var options = new CifarCnnTrainer.Options { Architecture = architecture, MaxEpochs = 1, Seed = 1 };
        var clock = Stopwatch.StartNew();
        ml.MulticlassClassification.Trainers.CifarCnn(options).Fit(data);
        return new Result(architecture.ToString(), images, clock.Elapsed.TotalSeconds, PeakMemory.Gigabytes());
    }
}
