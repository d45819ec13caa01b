using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.EarlyStopping.Data;

namespace CifarDemo.Evaluation;

/// <summary>Scores a labelled set with a model and summarises the result with ML.NET's multiclass evaluator.</summary>
internal static class ModelEvaluator
{
    public const string ScoreColumn = "Score";
    public const string PredictedLabelColumn = "PredictedLabel";

    /// <summary>Evaluates <paramref name="model"/> on <paramref name="keyedData"/> (labels already keys in the model's class order).</summary>
    public static EvaluationResult Evaluate(MLContext mlContext, ITransformer model, IDataView keyedData, IReadOnlyList<string> classNames)
    {
        IDataView scored = model.Transform(keyedData);
        MulticlassClassificationMetrics metrics = mlContext.MulticlassClassification.Evaluate(
            scored, CifarColumnNames.Label, ScoreColumn, PredictedLabelColumn);
        ConfusionMatrix matrix = metrics.ConfusionMatrix;
        int[][] counts = matrix.Counts.Select(row => row.Select(c => (int)Math.Round(c)).ToArray()).ToArray();
        return new EvaluationResult(
            counts.Sum(row => row.Sum()), metrics.MicroAccuracy, metrics.MacroAccuracy, metrics.LogLoss, classNames,
            matrix.PerClassRecall.ToArray(), counts);
    }

    /// <summary>The class names a loaded model predicts: the slot names of its score column.</summary>
    public static IReadOnlyList<string> ClassNamesOf(ITransformer model, DataViewSchema inputSchema)
    {
        DataViewSchema output = model.GetOutputSchema(inputSchema);
        DataViewSchema.Column? score = output.GetColumnOrNull(ScoreColumn);
        if (score is null)
            throw new DemoDataException($"The model has no '{ScoreColumn}' column: it is not a classifier saved by this demo.");
        VBuffer<ReadOnlyMemory<char>> names = default;
        if (!score.Value.HasSlotNames())
            throw new DemoDataException($"The model's '{ScoreColumn}' column has no class names.");
        score.Value.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
