using Microsoft.ML;
using Microsoft.ML.EarlyStopping.Data;
using Microsoft.ML.Transforms;

namespace CifarDemo.Evaluation;

/// <summary>Maps text labels to keys in a model's class order (key k = class k - 1), as the model's PredictedLabel is.</summary>
internal static class LabelKeys
{
    public static IEstimator<ITransformer> Create(MLContext mlContext, IReadOnlyList<string> classNames)
    {
        IDataView keyData = mlContext.Data.LoadFromEnumerable(classNames.Select(name => new ClassName { Name = name }));
        return mlContext.Transforms.Conversion.MapValueToKey(
            CifarColumnNames.Label, CifarColumnNames.Label, keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, keyData: keyData);
    }

    private sealed class ClassName
    {
        public string Name { get; set; } = "";
    }
}
