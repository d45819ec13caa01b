using System.Text.Json;

namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>
/// A sink's progress through the spool: the last acknowledged sequence and the remote run it attached to. Saved atomically
/// (written to a temporary file, flushed, then renamed over the old one), so a crash leaves either the old or the new state.
/// </summary>
internal sealed record SinkState
{
    public required string Sink { get; init; }

    public required Guid RunKey { get; init; }

    public long Acknowledged { get; init; }

    public string? RemoteRunId { get; init; }

    public string? RemoteRunUrl { get; init; }

    public static SinkState Load(string path, string sink, Guid runKey)
    {
        if (!File.Exists(path))
            return new SinkState { Sink = sink, RunKey = runKey };
        SinkState state;
        try
        {
            state = JsonSerializer.Deserialize<SinkState>(File.ReadAllText(path), TrackingJson.Files)
                ?? throw new InvalidDataException("empty");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Tracking state file {path} is damaged ({ex.Message}); delete it to resend everything to sink '{sink}'.", ex);
        }
        if (state.RunKey != runKey)
            throw new InvalidDataException($"Tracking state file {path} belongs to run {state.RunKey}, not to this folder's run {runKey}.");
        return state;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                JsonSerializer.Serialize(stream, this, TrackingJson.Files);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
