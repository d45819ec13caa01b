using Microsoft.ML;

namespace CifarDemo.Evaluation;

/// <summary>
/// A model.zip loaded with plain <c>mlContext.Model.Load</c>, with the class names it predicts. Dispose it: the ONNX
/// scorer inside keeps a temporary copy of the network that only Dispose deletes.
/// </summary>
internal sealed class LoadedModel : IDisposable
{
    private LoadedModel(ITransformer transformer, DataViewSchema inputSchema, IReadOnlyList<string> classNames)
    {
        Transformer = transformer;
        InputSchema = inputSchema;
        ClassNames = classNames;
    }

    public ITransformer Transformer { get; }

    public DataViewSchema InputSchema { get; }

    public IReadOnlyList<string> ClassNames { get; }

    /// <exception cref="DemoDataException">The file is missing or is not a classifier model zip.</exception>
    public static LoadedModel Load(MLContext mlContext, string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new DemoDataException($"--model '{path}' does not exist (looked for '{full}').");
        ITransformer transformer;
        DataViewSchema schema;
        try
        {
            transformer = mlContext.Model.Load(full, out schema);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException or IOException or ArgumentException)
        {
            throw new DemoDataException($"--model '{path}' is not a readable ML.NET model zip: {ex.Message}", ex);
        }
        try
        {
            return new LoadedModel(transformer, schema, ModelEvaluator.ClassNamesOf(transformer, schema));
        }
        catch
        {
            (transformer as IDisposable)?.Dispose();
            throw;
        }
    }

    public void Dispose() => (Transformer as IDisposable)?.Dispose();
}
