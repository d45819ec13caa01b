using System.Text;
using System.Text.Json;

namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>
/// The run's durable record: <c>tracking/spool.jsonl</c>, a header line and then one JSON line per event, append-only.
/// Every event is written here before any sink sees it, and <see cref="Flush"/> puts it on disk at each epoch's end, so a
/// killed process loses at most the events of the epoch in progress. Lines are redacted before they are written.
/// </summary>
internal sealed class EventSpool : IDisposable
{
    private readonly FileStream _stream;
    private long _sequence;

    private EventSpool(FileStream stream, long lastSequence)
    {
        _stream = stream;
        _sequence = lastSequence;
    }

    public long LastSequence => _sequence;

    /// <summary>Creates a new spool; fails if the run folder already has one (a run folder holds one tracked run).</summary>
    public static EventSpool Create(string path, SpoolHeader header)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The run folder already has a tracking spool ({path}): a run folder holds one tracked run. " +
                "Use a new run folder, or upload the old run with TrackingSync.");
        }
        var spool = new EventSpool(stream, 0);
        spool.WriteLine(JsonSerializer.Serialize(header, TrackingJson.Files));
        spool.Flush();
        return spool;
    }

    /// <summary>Opens an existing spool for appending after its last whole line (a torn last line is cut off).</summary>
    public static EventSpool OpenForAppend(string path, SpoolContents contents)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, 64 * 1024);
        stream.SetLength(contents.ValidLength);
        stream.Seek(0, SeekOrigin.End);
        return new EventSpool(stream, contents.Events.Count == 0 ? 0 : contents.Events[^1].Sequence);
    }

    /// <summary>
    /// Serialises an event to its spool line with secrets redacted, and returns the event as the line holds it (what sinks
    /// must see, so that live delivery and a later sync send the same thing).
    /// </summary>
    public static (string Line, TrackingEvent Event) Serialize(TrackingEvent numbered)
    {
        string line = JsonSerializer.Serialize(numbered, TrackingJson.Files);
        string redacted = SecretRedactor.Redact(line);
        return redacted == line ? (line, numbered) : (redacted, JsonSerializer.Deserialize<TrackingEvent>(redacted, TrackingJson.Files)!);
    }

    /// <summary>Writes one event line made by <see cref="Serialize"/> (buffered; call <see cref="Flush"/>).</summary>
    public void Append(long sequence, string line)
    {
        if (sequence != _sequence + 1)
            throw new InvalidOperationException($"Spool sequence {sequence} does not follow {_sequence}.");
        WriteLine(line);
        _sequence = sequence;
    }

    /// <summary>Pushes everything written so far to the disk.</summary>
    public void Flush() => _stream.Flush(flushToDisk: true);

    public void Dispose() => _stream.Dispose();

    private void WriteLine(string line)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(line + "\n");
        _stream.Write(bytes);
    }

    /// <summary>Reads a spool. A last line without its newline (the process died while writing it) is ignored; any other bad line is an error.</summary>
    /// <exception cref="FileNotFoundException">There is no spool.</exception>
    /// <exception cref="InvalidDataException">The spool is damaged; the message names the file and line.</exception>
    public static SpoolContents Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No tracking spool at {path}: the folder is not a tracked run folder.", path);
        byte[] bytes = File.ReadAllBytes(path);
        var events = new List<TrackingEvent>();
        SpoolHeader? header = null;
        int start = 0, lineNumber = 0;
        long valid = 0;
        bool tornTail = false;
        while (start < bytes.Length)
        {
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            lineNumber++;
            if (end < 0)
            {
                tornTail = true;
                break;
            }
            var line = new ReadOnlySpan<byte>(bytes, start, end - start);
            try
            {
                if (header == null)
                {
                    header = JsonSerializer.Deserialize<SpoolHeader>(line, TrackingJson.Files);
                    if (header?.Format != SpoolHeader.FormatName)
                        throw new InvalidDataException($"{path} is not a tracking spool (its first line has no format '{SpoolHeader.FormatName}').");
                }
                else
                {
                    TrackingEvent e = JsonSerializer.Deserialize<TrackingEvent>(line, TrackingJson.Files)
                        ?? throw new InvalidDataException("empty event");
                    if (e.Sequence != (events.Count == 0 ? 0 : events[^1].Sequence) + 1)
                        throw new InvalidDataException($"sequence {e.Sequence} does not follow {(events.Count == 0 ? 0 : events[^1].Sequence)}");
                    events.Add(e);
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Tracking spool {path}, line {lineNumber}, is not valid: {ex.Message}", ex);
            }
            catch (InvalidDataException ex) when (!ex.Message.StartsWith(path, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Tracking spool {path}, line {lineNumber}: {ex.Message}", ex);
            }
            start = end + 1;
            valid = start;
        }
        if (header == null)
            throw new InvalidDataException($"Tracking spool {path} has no header line.");
        if (events.Count > 0 && events[0] is not RunStartedEvent)
            throw new InvalidDataException($"Tracking spool {path} does not begin with a run-started event.");
        return new SpoolContents(header, events, valid, tornTail);
    }
}
