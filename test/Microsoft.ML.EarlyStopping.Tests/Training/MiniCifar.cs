using Microsoft.ML.EarlyStopping.Data;
using Microsoft.ML.EarlyStopping.Tests.Data;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

/// <summary>Small slices of the real CIFAR-10 mini folders, featurized and with key labels, cached for the test run.</summary>
internal static class MiniCifar
{
    private static readonly Lazy<(IDataView Train, IDataView Validation, IReadOnlyList<string> Classes)> Loaded = new(Load);

    /// <summary>300 training images (30 per class), materialised in memory.</summary>
    public static IDataView Train => Loaded.Value.Train;

    /// <summary>100 validation images (10 per class) from the disjoint val folder, materialised in memory.</summary>
    public static IDataView Validation => Loaded.Value.Validation;

    public static IReadOnlyList<string> ClassNames => Loaded.Value.Classes;

    private static (IDataView, IDataView, IReadOnlyList<string>) Load()
    {
        var ml = new MLContext(seed: 1);
        CifarDataSet train = CifarData.LoadImageFolder(ml, SharedData.MiniTrainFolder);
        CifarDataSet validation = CifarData.LoadImageFolder(ml, SharedData.MiniValFolder);
        ITransformer toKey = train.MapLabelToKey(ml).Fit(train.Data);
        return (
            Materialise(ml, toKey.Transform(train.Data), perClass: 30),
            Materialise(ml, toKey.Transform(validation.Data), perClass: 10),
            train.ClassNames);
    }

    // Keeps the first perClass images of every class folder (train files are 0000-0099.jpg, val files 0100-0119.jpg) and caches them,
    // so tests do not decode JPEGs again. The predicate is stateless, as ML.NET may evaluate it on several cursors.
    private static IDataView Materialise(MLContext ml, IDataView data, int perClass)
    {
        IDataView filtered = ml.Data.FilterByCustomPredicate<PathRow>(
            data, row => int.Parse(Path.GetFileNameWithoutExtension(row.ImagePath), System.Globalization.CultureInfo.InvariantCulture) % 100 >= perClass);
        return ml.Data.Cache(filtered);
    }

    private sealed class PathRow
    {
        public string ImagePath { get; set; } = "";
    }
}
