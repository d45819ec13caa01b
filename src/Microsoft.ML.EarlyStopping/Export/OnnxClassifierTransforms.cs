using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.EarlyStopping.Export;

/// <summary>
/// Builds the ML.NET transforms that score an ONNX image classifier (such as one from
/// <see cref="TorchSharpOnnxExporter.ExportClassifier"/>) and produce the columns of an ML.NET multiclass trainer:
/// a score vector whose slot names are the class names, and a predicted label that is a key whose key values are
/// the class names. The result is made only of ML.NET's own transforms, so <c>MLContext.Model.Save</c> stores the
/// ONNX bytes in the model zip and <c>MLContext.Model.Load</c> restores it in any process that references
/// Microsoft.ML and Microsoft.ML.OnnxTransformer, with nothing registered and no TorchSharp.
/// </summary>
/// <remarks>
/// <para>The chain is:</para>
/// <list type="number">
/// <item><description><c>ApplyOnnxModel</c>: feature column in, score and best-class index out. ML.NET feeds one row at a time
/// (the symbolic batch dimension becomes 1), so the score column has type <c>Vector&lt;Single, 1, classes&gt;</c>
/// (size = number of classes) and carries the slot names stored in the model;</description></item>
/// <item><description><c>Hash</c> with <c>combine</c> on the index: ML.NET turns every ONNX output into a vector (here of length 1) and
/// cannot read scalar ONNX outputs, and hashing a whole vector is the one built-in transform that yields a scalar;</description></item>
/// <item><description><c>MapValue</c> from those hash values to the class names with <c>treatValuesAsKeyType</c>: a scalar key whose
/// key values are the class names in class order, so key <c>i + 1</c> is class <c>i</c>. The hash of every class index is
/// computed with the very same transform when the chain is built and checked to be distinct;</description></item>
/// <item><description><c>DropColumns</c> of the two intermediate columns.</description></item>
/// </list>
/// </remarks>
public static class OnnxClassifierTransforms
{
    private const int HashBits = 30;
    private const int MaxHashSeeds = 32;

    /// <summary>
    /// Creates an estimator that scores the ONNX model in <paramref name="onnxModelPath"/>.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="onnxModelPath">
    /// The ONNX model file. ML.NET keeps it open and reads it again when the fitted model is saved, so it must stay
    /// in place until every transformer fitted from this estimator has been saved and disposed. Use
    /// <see cref="CreateTransformer"/> to have no file to look after.
    /// </param>
    /// <param name="options">Column names and class names.</param>
    /// <returns>The estimator; fitting it reads no rows.</returns>
    public static IEstimator<ITransformer> CreateEstimator(MLContext mlContext, string onnxModelPath, OnnxClassifierScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxModelPath);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        if (!File.Exists(onnxModelPath))
            throw new FileNotFoundException($"ONNX model file '{onnxModelPath}' does not exist.", onnxModelPath);

        var scoring = mlContext.Transforms.ApplyOnnxModel(
            outputColumnNames: [options.ScoreColumnName, options.PredictedIndexColumnName],
            inputColumnNames: [options.FeatureColumnName],
            modelFile: onnxModelPath);
        return scoring.Append(CreateLabelMapping(mlContext, options));
    }

    /// <summary>
    /// Creates the fitted transformer for an ONNX model held in memory. The returned transformer owns a temporary copy
    /// of the model in <see cref="MLContext.TempFilePath"/>, deleted when it is disposed (or finalized); no other file is left behind.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="onnxModel">The ONNX model bytes.</param>
    /// <param name="inputData">Data with the feature column; only its schema is used, no rows are read.</param>
    /// <param name="options">Column names and class names.</param>
    /// <returns>The fitted transformer chain, ready for <c>Transform</c> and <c>MLContext.Model.Save</c>.</returns>
    public static ITransformer CreateTransformer(MLContext mlContext, byte[] onnxModel, IDataView inputData, OnnxClassifierScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(onnxModel);
        ArgumentNullException.ThrowIfNull(inputData);
        ArgumentNullException.ThrowIfNull(options);
        if (onnxModel.Length == 0)
            throw new ArgumentException("The ONNX model is empty.", nameof(onnxModel));

        // ML.NET's byte/stream overloads leave their temporary copy on disk for good; a model *loaded* from a zip owns
        // its copy and deletes it on dispose. So: fit from a file of ours, round-trip through an in-memory zip, delete ours.
        string path = Path.Combine(mlContext.TempFilePath, $"{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, onnxModel);
        try
        {
            using var zip = new MemoryStream();
            ITransformer fitted = CreateEstimator(mlContext, path, options).Fit(inputData);
            try
            {
                mlContext.Model.Save(fitted, inputData.Schema, zip);
            }
            finally
            {
                (fitted as IDisposable)?.Dispose();
            }
            zip.Position = 0;
            return mlContext.Model.Load(zip, out _);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEstimator<ITransformer> CreateLabelMapping(MLContext mlContext, OnnxClassifierScoringOptions options)
    {
        string hashColumn = $"{options.PredictedLabelColumnName}.IndexHash";
        (HashingEstimator hashing, uint[] hashes) = CreateIndexHashing(mlContext, options.PredictedIndexColumnName, hashColumn, options.ClassNames.Count);
        var pairs = hashes.Select((hash, i) => new KeyValuePair<uint, string>(hash, options.ClassNames[i]));
        return new EstimatorChain<ITransformer>()
            .Append(hashing)
            .Append(mlContext.Transforms.Conversion.MapValue(options.PredictedLabelColumnName, pairs, hashColumn, treatValuesAsKeyType: true))
            .Append(mlContext.Transforms.DropColumns(options.PredictedIndexColumnName, hashColumn));
    }

    /// <summary>A combining hash of the index vector, with the hash values of indices 0..classCount-1 as that very transform computes them.</summary>
    private static (HashingEstimator Hashing, uint[] Hashes) CreateIndexHashing(MLContext mlContext, string indexColumn, string hashColumn, int classCount)
    {
        var definition = SchemaDefinition.Create(typeof(IndexRow));
        definition[0].ColumnName = indexColumn;
        definition[0].ColumnType = new VectorDataViewType(NumberDataViewType.Int64, 1);
        IDataView indices = mlContext.Data.LoadFromEnumerable(
            Enumerable.Range(0, classCount).Select(i => new IndexRow { Index = [i] }), definition);

        for (uint seed = 1; seed <= MaxHashSeeds; seed++)
        {
            var hashing = mlContext.Transforms.Conversion.Hash(new HashingEstimator.ColumnOptions(
                hashColumn, indexColumn, numberOfBits: HashBits, seed: seed, useOrderedHashing: false, maximumNumberOfInverts: 0, combine: true));
            uint[] hashes = hashing.Fit(indices).Transform(indices).GetColumn<uint>(hashColumn).ToArray();
            if (hashes.Length == classCount && hashes.Distinct().Count() == classCount && !hashes.Contains(0u))
                return (hashing, hashes);
        }
        throw new InvalidOperationException($"Could not find a hash seed that keeps {classCount} class indices apart; this should not happen with {HashBits}-bit hashes.");
    }

    private static void Validate(OnnxClassifierScoringOptions options)
    {
        if (options.ClassNames is null || options.ClassNames.Count < 2)
            throw new ArgumentException($"{nameof(options.ClassNames)} must hold at least two class names.", nameof(options));
        if (options.ClassNames.Any(string.IsNullOrEmpty) || options.ClassNames.Distinct(StringComparer.Ordinal).Count() != options.ClassNames.Count)
            throw new ArgumentException($"{nameof(options.ClassNames)} must be non-empty and distinct, got [{string.Join(", ", options.ClassNames)}].", nameof(options));
        string[] names = [options.FeatureColumnName, options.ScoreColumnName, options.PredictedIndexColumnName, options.PredictedLabelColumnName];
        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
            throw new ArgumentException(
                $"Column names must be non-empty and distinct: {nameof(options.FeatureColumnName)}='{options.FeatureColumnName}', "
                + $"{nameof(options.ScoreColumnName)}='{options.ScoreColumnName}', {nameof(options.PredictedIndexColumnName)}='{options.PredictedIndexColumnName}', "
                + $"{nameof(options.PredictedLabelColumnName)}='{options.PredictedLabelColumnName}'.", nameof(options));
    }

    private sealed class IndexRow
    {
        public long[] Index { get; set; } = [];
    }
}
