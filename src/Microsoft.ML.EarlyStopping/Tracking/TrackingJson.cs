using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>JSON settings of the tracking files: camelCase, no indentation, and NaN/±Infinity kept as their names so the spool loses nothing.</summary>
internal static class TrackingJson
{
    public static JsonSerializerOptions Files { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };
}
