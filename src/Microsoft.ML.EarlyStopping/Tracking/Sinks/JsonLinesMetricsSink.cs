using System.Text;
using System.Text.Json;

namespace Microsoft.ML.EarlyStopping.Tracking.Sinks;

/// <summary>
/// Writes the run's epoch, outcome and evaluation events as JSON lines (the spool's format: a <c>type</c> field, camelCase,
/// NaN and infinities as strings) to <c>&lt;runFolder&gt;/metrics.jsonl</c>. Appending skips events the file already has.
/// </summary>
public sealed class JsonLinesMetricsSink : ITrackingSink
{
    private readonly string _path;
    private long? _lastSequence;

    /// <summary>Creates the sink.</summary>
    /// <param name="path">The file, e.g. <c>&lt;runFolder&gt;/metrics.jsonl</c> (its folder is created if missing).</param>
    public JsonLinesMetricsSink(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
    }

    /// <inheritdoc />
    public string Name => "jsonl";

    /// <inheritdoc />
    public async Task WriteAsync(TrackingBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _lastSequence ??= ReadLastSequence();
        var text = new StringBuilder();
        foreach (TrackingEvent e in batch.Events)
        {
            if (e.Sequence <= _lastSequence || e is RunStartedEvent or RunEndedEvent)
                continue;
            text.Append(JsonSerializer.Serialize(e, TrackingJson.Files)).Append('\n');
            _lastSequence = e.Sequence;
        }
        if (text.Length == 0)
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await File.AppendAllTextAsync(_path, text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private long ReadLastSequence()
    {
        if (!File.Exists(_path))
            return 0;
        string? last = File.ReadLines(_path).LastOrDefault(l => l.Length > 0);
        if (last == null)
            return 0;
        try
        {
            return JsonSerializer.Deserialize<TrackingEvent>(last, TrackingJson.Files)?.Sequence ?? 0;
        }
        catch (JsonException)
        {
            return 0; // a torn last line: rewrite from the start of what is offered
        }
    }
}
