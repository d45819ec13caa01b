using Microsoft.ML.EarlyStopping;
using Microsoft.ML.EarlyStopping.Hosting;
using Microsoft.ML.EarlyStopping.Training;

namespace Microsoft.ML;

/// <summary>
/// Adds <c>CifarCnn</c> to <c>mlContext.MulticlassClassification.Trainers</c>, beside ML.NET's own trainers.
/// Lives in the <c>Microsoft.ML</c> namespace, as ML.NET's catalog extensions do, so <c>using Microsoft.ML;</c> is enough.
/// </summary>
public static class CifarCnnCatalog
{
    /// <summary>
    /// A TorchSharp CNN image classifier with early stopping. Defaults: the <see cref="CifarArchitecture.Airbench"/>
    /// recipe, 10% of the training data held out (stratified) for validation, early stopping on validation loss with
    /// the given patience, and the best epoch's weights restored at the end.
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">The label column, a key type (use <c>MapValueToKey</c> on text labels).</param>
    /// <param name="featureColumnName">The pixel column: 3×32×32 Singles, planar, 0..255, as <c>ExtractPixels</c> produces.</param>
    /// <param name="patience">Stop after this many consecutive epochs without improvement of validation loss (≥ 1).</param>
    /// <param name="maxEpochs">Epoch budget; null = the architecture's recipe.</param>
    /// <param name="batchSize">Training batch size; null = the architecture's recipe.</param>
    /// <param name="learningRate">Initial learning rate; null = the architecture's recipe.</param>
    /// <param name="validationSet">Validation data; null = hold out 10% of the training data.</param>
    /// <param name="architecture">The network to train, with its recipe for every setting not given here.</param>
    public static CifarCnnTrainer CifarCnn(
        this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label",
        string featureColumnName = "Features",
        int patience = 10,
        int? maxEpochs = null,
        int? batchSize = null,
        double? learningRate = null,
        IDataView? validationSet = null,
        CifarArchitecture architecture = CifarArchitecture.Airbench)
    {
        var options = new CifarCnnTrainer.Options
        {
            LabelColumnName = labelColumnName,
            FeatureColumnName = featureColumnName,
            EarlyStopping = new EarlyStoppingOptions { Patience = patience },
            MaxEpochs = maxEpochs,
            BatchSize = batchSize,
            LearningRate = learningRate,
            ValidationSet = validationSet,
            Architecture = architecture,
        };
        return catalog.CifarCnn(options);
    }

    /// <summary>A TorchSharp CNN image classifier configured by <paramref name="options"/> (every setting documented there).</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">Trainer options; checked now, so bad settings fail before the pipeline runs.</param>
    public static CifarCnnTrainer CifarCnn(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, CifarCnnTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CifarCnnTrainer(EnvironmentAccess.GetEnvironment(catalog), options);
    }
}
