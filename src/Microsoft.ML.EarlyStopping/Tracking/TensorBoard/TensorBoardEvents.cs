using Microsoft.ML.EarlyStopping.Export;

namespace Microsoft.ML.EarlyStopping.Tracking.TensorBoard;

/// <summary>
/// Encodes the few TensorFlow <c>Event</c> protobuf messages a scalar log needs: <c>Event { double wall_time = 1;
/// int64 step = 2; string file_version = 3; Summary summary = 5; }</c>, <c>Summary { repeated Value value = 1; }</c>,
/// <c>Value { string tag = 1; float simple_value = 2; }</c>.
/// </summary>
internal static class TensorBoardEvents
{
    public const string FileVersion = "brain.Event:2";

    public static byte[] FileVersionEvent(double wallTime)
    {
        var writer = new ProtobufWriter();
        writer.WriteDouble(1, wallTime);
        writer.WriteString(3, FileVersion);
        return writer.ToArray();
    }

    public static byte[] ScalarsEvent(double wallTime, long step, IEnumerable<KeyValuePair<string, double>> scalars)
    {
        var writer = new ProtobufWriter();
        writer.WriteDouble(1, wallTime);
        writer.WriteInt64(2, step);
        writer.WriteMessage(5, summary =>
        {
            foreach (var (tag, value) in scalars)
            {
                summary.WriteMessage(1, entry =>
                {
                    entry.WriteString(1, tag);
                    entry.WriteFloat(2, (float)value);
                });
            }
        });
        return writer.ToArray();
    }
}
