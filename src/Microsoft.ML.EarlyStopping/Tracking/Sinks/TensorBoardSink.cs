using System.Globalization;
using Microsoft.ML.EarlyStopping.Tracking.TensorBoard;

namespace Microsoft.ML.EarlyStopping.Tracking.Sinks;

/// <summary>
/// Writes per-epoch scalars (and final evaluation metrics) to a TensorBoard event file, viewable with the standard
/// <c>tensorboard --logdir &lt;folder&gt;</c>. One file per process, kept open, flushed after every batch; NaN and infinite
/// values are written as they are (TensorBoard shows them).
/// </summary>
public sealed class TensorBoardSink : ITrackingSink
{
    private readonly string _folder;
    private TfRecordWriter? _writer;
    private long _lastStep;

    /// <summary>Creates the sink.</summary>
    /// <param name="logDirectory">The folder for the event file (created if missing), e.g. <c>&lt;runFolder&gt;/tensorboard</c>.</param>
    public TensorBoardSink(string logDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logDirectory);
        _folder = Path.GetFullPath(logDirectory);
    }

    /// <inheritdoc />
    public string Name => "tensorboard";

    /// <summary>The event file, once the first event was written; null before.</summary>
    public string? FilePath { get; private set; }

    /// <inheritdoc />
    public Task WriteAsync(TrackingBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        TfRecordWriter writer = _writer ??= Open(batch.Events[0].Timestamp);
        foreach (TrackingEvent e in batch.Events)
        {
            double wallTime = e.Timestamp.ToUnixTimeMilliseconds() / 1000.0;
            switch (e)
            {
                case EpochEndedEvent epoch:
                    _lastStep = epoch.Epoch;
                    writer.Write(TensorBoardEvents.ScalarsEvent(wallTime, epoch.Epoch, epoch.Metrics));
                    break;
                case EvaluationEvent evaluation:
                    writer.Write(TensorBoardEvents.ScalarsEvent(wallTime, _lastStep,
                        evaluation.Metrics.Select(m => KeyValuePair.Create($"evaluation/{evaluation.Name}/{m.Key}", m.Value))));
                    break;
            }
        }
        writer.Flush();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _writer?.Dispose();
        _writer = null;
        return ValueTask.CompletedTask;
    }

    private TfRecordWriter Open(DateTimeOffset time)
    {
        Directory.CreateDirectory(_folder);
        // TensorBoard picks up files whose name contains "tfevents"; the process id keeps a resumed sync from reusing a name.
        string name = string.Create(CultureInfo.InvariantCulture,
            $"events.out.tfevents.{time.ToUnixTimeSeconds():D10}.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        FilePath = Path.Combine(_folder, name);
        var writer = new TfRecordWriter(new FileStream(FilePath, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
        writer.Write(TensorBoardEvents.FileVersionEvent(time.ToUnixTimeMilliseconds() / 1000.0));
        return writer;
    }
}
