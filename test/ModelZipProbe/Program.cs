using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

// Usage: ModelZipProbe <model.zip> <rows.bin> [featureColumn=Features] [scoreColumn=Score] [predictedLabelColumn=PredictedLabel]
// rows.bin: int32 row count, int32 values per row, then the float32 values row by row (little-endian).
// Prints one JSON object with the scores, the predicted labels as text, the annotations found and the loaded assemblies.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ModelZipProbe <model.zip> <rows.bin> [featureColumn] [scoreColumn] [predictedLabelColumn]");
    return 2;
}
string zipPath = args[0];
string rowsPath = args[1];
string featureColumn = args.Length > 2 ? args[2] : "Features";
string scoreColumn = args.Length > 3 ? args[3] : "Score";
string labelColumn = args.Length > 4 ? args[4] : "PredictedLabel";

float[][] rows = ReadRows(rowsPath);
var mlContext = new MLContext(seed: 0);
ITransformer model = mlContext.Model.Load(zipPath, out DataViewSchema inputSchema);

DataViewSchema.Column? feature = inputSchema.GetColumnOrNull(featureColumn);
if (feature is null)
{
    Console.Error.WriteLine($"The model's input schema has no column '{featureColumn}'.");
    return 3;
}
var definition = SchemaDefinition.Create(typeof(ProbeRow));
definition[0].ColumnName = featureColumn;
definition[0].ColumnType = feature.Value.Type;
IDataView data = mlContext.Data.LoadFromEnumerable(rows.Select(r => new ProbeRow { Features = r }), definition);

IDataView scored = model.Transform(data);
IDataView withText = mlContext.Transforms.Conversion.MapKeyToValue("__PredictedLabelText", labelColumn).Fit(scored).Transform(scored);

VBuffer<ReadOnlyMemory<char>> slotNames = default;
scored.Schema[scoreColumn].GetSlotNames(ref slotNames);
VBuffer<ReadOnlyMemory<char>> keyValues = default;
scored.Schema[labelColumn].GetKeyValues(ref keyValues);

var result = new Dictionary<string, object>
{
    ["scoreType"] = scored.Schema[scoreColumn].Type.ToString() ?? "",
    ["predictedLabelType"] = scored.Schema[labelColumn].Type.ToString() ?? "",
    ["scoreSlotNames"] = slotNames.DenseValues().Select(v => v.ToString()).ToArray(),
    ["predictedLabelKeyValues"] = keyValues.DenseValues().Select(v => v.ToString()).ToArray(),
    ["scores"] = withText.GetColumn<float[]>(scoreColumn).ToArray(),
    ["predictedLabels"] = withText.GetColumn<string>("__PredictedLabelText").ToArray(),
    ["loadedAssemblies"] = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "").OrderBy(n => n, StringComparer.Ordinal).ToArray(),
};
Console.WriteLine(JsonSerializer.Serialize(result));
// A loaded ONNX transformer keeps a temporary copy of the model that only Dispose deletes (finalizers do not run at exit).
(model as IDisposable)?.Dispose();
return 0;

static float[][] ReadRows(string path)
{
    using var reader = new BinaryReader(File.OpenRead(path));
    int count = reader.ReadInt32();
    int width = reader.ReadInt32();
    var rows = new float[count][];
    for (int i = 0; i < count; i++)
    {
        rows[i] = new float[width];
        for (int j = 0; j < width; j++)
            rows[i][j] = reader.ReadSingle();
    }
    return rows;
}

internal sealed class ProbeRow
{
    public float[] Features { get; set; } = [];
}
