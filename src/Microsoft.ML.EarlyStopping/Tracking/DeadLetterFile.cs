using System.Text;
using System.Text.Json;

namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>Appends a refused batch, with the reason, to <c>tracking/dead-letter/&lt;sink&gt;.jsonl</c> for inspection (redacted like the spool).</summary>
internal static class DeadLetterFile
{
    public static void Append(string path, string sink, string error, IReadOnlyList<TrackingEvent> events)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var entry = new DeadLetterEntry(sink, DateTimeOffset.UtcNow, error, events[0].Sequence, events[^1].Sequence, events);
        string line = SecretRedactor.Redact(JsonSerializer.Serialize(entry, TrackingJson.Files));
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.Write(Encoding.UTF8.GetBytes(line + "\n"));
        stream.Flush(flushToDisk: true);
    }

    private sealed record DeadLetterEntry(
        string Sink, DateTimeOffset SetAside, string Error, long FirstSequence, long LastSequence, IReadOnlyList<TrackingEvent> Events);
}
