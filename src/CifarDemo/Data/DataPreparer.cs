using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.EarlyStopping.Data;

namespace CifarDemo.Data;

/// <summary>
/// Decides the train, validation and test sets of a run: the source's test split when it has one, otherwise a
/// seeded, stratified part of the training data held out before anything else sees it; then the per-class caps.
/// </summary>
internal static class DataPreparer
{
    public static PreparedData Prepare(MLContext mlContext, LoadedData data, SplitOptions options)
    {
        IReadOnlyList<string> classNames = data.Train.ClassNames;
        RequireKnownClasses(data.Validation, "validation", classNames);
        RequireKnownClasses(data.Test, "test", classNames);

        string[] trainLabels = RowFilter.ReadLabels(data.Train.Data);
        bool[] inTrain = Enumerable.Repeat(true, trainLabels.Length).ToArray();
        IDataView test;
        int testCount;
        string testDescription;
        bool heldOut = data.Test is null;
        if (data.Test is null)
        {
            bool[] held = StratifiedSampler.HoldOut(trainLabels, options.TestFraction, options.Seed);
            inTrain = held.Select(h => !h).ToArray();
            (test, testCount) = Select(mlContext, data.Train.Data, trainLabels, held, options);
            testDescription = string.Create(CultureInfo.InvariantCulture,
                $"no test split: evaluating on a held-out {options.TestFraction:0.##%} of the training data ({testCount} images), never used for training or validation");
        }
        else
        {
            string[] testLabels = RowFilter.ReadLabels(data.Test.Data);
            (test, testCount) = Select(mlContext, data.Test.Data, testLabels, AllRows(testLabels.Length), options);
            testDescription = $"evaluating on the test split ({testCount} images)";
        }

        (IDataView train, int trainCount) = Select(mlContext, data.Train.Data, trainLabels, inTrain, options);
        IDataView? validation = null;
        int validationCount = 0;
        if (data.Validation is not null)
        {
            string[] labels = RowFilter.ReadLabels(data.Validation.Data);
            (validation, validationCount) = Select(mlContext, data.Validation.Data, labels, AllRows(labels.Length), options);
        }
        if (trainCount == 0)
            throw new DemoDataException("The training data has no images left after holding out the test set.");
        if (testCount == 0)
            throw new DemoDataException("The test set is empty: the training data is too small to hold out a test set.");
        return new PreparedData(train, trainCount, validation, validationCount, test, testCount, heldOut, testDescription, classNames);
    }

    private static (IDataView Data, int Count) Select(MLContext mlContext, IDataView data, string[] labels, bool[] selected, SplitOptions options)
    {
        bool[] keep = options.MaxPerClass is int max ? StratifiedSampler.Limit(labels, selected, max, options.Seed) : selected;
        return (RowFilter.Apply(mlContext, data, keep), keep.Count(k => k));
    }

    private static bool[] AllRows(int count) => Enumerable.Repeat(true, count).ToArray();

    private static void RequireKnownClasses(CifarDataSet? split, string name, IReadOnlyList<string> trainClasses)
    {
        if (split is null)
            return;
        string[] unknown = split.ClassNames.Except(trainClasses, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new DemoDataException(
                $"The {name} split has classes the training split lacks: {string.Join(", ", unknown)} (training classes: {string.Join(", ", trainClasses)}).");
        }
    }
}
