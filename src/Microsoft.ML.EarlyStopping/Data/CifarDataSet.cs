using Microsoft.ML.Transforms;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// CIFAR data loaded by <see cref="CifarData"/>: the rows, the class names in label order and what was left out.
/// </summary>
public sealed class CifarDataSet
{
    internal CifarDataSet(IDataView data, IReadOnlyList<string> classNames, long count, IReadOnlyList<string> skippedFiles)
    {
        Data = data;
        ClassNames = classNames;
        Count = count;
        SkippedFiles = skippedFiles;
    }

    /// <summary>
    /// The rows, in file order (not shuffled: shuffle with <c>mlContext.Data.ShuffleRows</c> before training).
    /// Columns: <see cref="CifarColumnNames.Label"/> (text) and <see cref="CifarColumnNames.Features"/>
    /// (vector of <see cref="float"/> [3, 32, 32]); image-folder data also has <see cref="CifarColumnNames.ImagePath"/>.
    /// </summary>
    public IDataView Data { get; }

    /// <summary>The class names in label order: index <c>i</c> is label byte <c>i</c>, or key value <c>i + 1</c> after <see cref="MapLabelToKey"/>.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The number of rows in <see cref="Data"/>.</summary>
    public long Count { get; }

    /// <summary>
    /// Image files left out because they could not be decoded (only with
    /// <see cref="ImageFolderOptions.SkipCorruptImages"/> or <see cref="ImageArchiveOptions.SkipCorruptImages"/>;
    /// for an archive, the entry names as stored in it); empty otherwise.
    /// </summary>
    public IReadOnlyList<string> SkippedFiles { get; }

    /// <summary>
    /// Creates the estimator that maps the text label to a key whose values follow <see cref="ClassNames"/>
    /// (key 1 is <c>ClassNames[0]</c>), so a predicted key maps back to the class name by the same list, whatever
    /// the alphabetical order of the names. A label not in <see cref="ClassNames"/> maps to the missing key 0.
    /// </summary>
    /// <param name="mlContext">The ML.NET context.</param>
    /// <param name="outputColumnName">The key column to produce; default <see cref="CifarColumnNames.Label"/> (replaces the text column).</param>
    /// <param name="inputColumnName">The text label column; default <see cref="CifarColumnNames.Label"/>.</param>
    /// <returns>A <see cref="ValueToKeyMappingEstimator"/> seeded with <see cref="ClassNames"/> in order.</returns>
    public ValueToKeyMappingEstimator MapLabelToKey(
        MLContext mlContext,
        string outputColumnName = CifarColumnNames.Label,
        string inputColumnName = CifarColumnNames.Label)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        IDataView keyData = mlContext.Data.LoadFromEnumerable(ClassNames.Select(name => new ClassNameRow { Name = name }));
        return mlContext.Transforms.Conversion.MapValueToKey(
            outputColumnName,
            inputColumnName,
            keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence,
            keyData: keyData);
    }

    internal CifarDataSet WithData(IDataView data) => new(data, ClassNames, Count, SkippedFiles);

    /// <summary>One row of the key data: ML.NET reads the key values from its only column.</summary>
    private sealed class ClassNameRow
    {
        public string Name { get; set; } = "";
    }
}
