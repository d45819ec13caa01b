using System.Globalization;
using System.Text;

namespace Microsoft.ML.EarlyStopping.Tracking.Sinks;

/// <summary>
/// Writes one CSV row per epoch (invariant culture, header line, '/' in metric names turned into '_') to
/// <c>&lt;runFolder&gt;/metrics.csv</c>. Missing values are empty cells; NaN and infinities are written as NaN, Infinity, -Infinity.
/// Appending to an existing file skips epochs it already has, so a resumed delivery does not duplicate rows.
/// </summary>
public sealed class CsvMetricsSink : ITrackingSink
{
    private static readonly string Header = "epoch,timestamp," + string.Join(",", TrackingMetricNames.All.Select(n => n.Replace('/', '_')));
    private readonly string _path;
    private int? _lastEpoch;

    /// <summary>Creates the sink.</summary>
    /// <param name="path">The CSV file, e.g. <c>&lt;runFolder&gt;/metrics.csv</c> (its folder is created if missing).</param>
    public CsvMetricsSink(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
    }

    /// <inheritdoc />
    public string Name => "csv";

    /// <inheritdoc />
    public async Task WriteAsync(TrackingBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _lastEpoch ??= ReadLastEpoch();
        var text = new StringBuilder();
        if (!File.Exists(_path) || new FileInfo(_path).Length == 0)
            text.Append(Header).Append('\n');
        foreach (EpochEndedEvent epoch in batch.Events.OfType<EpochEndedEvent>())
        {
            if (epoch.Epoch <= _lastEpoch)
                continue;
            text.Append(epoch.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(epoch.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            foreach (string name in TrackingMetricNames.All)
            {
                text.Append(',');
                if (epoch.Metrics.TryGetValue(name, out double value))
                    text.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
            _lastEpoch = epoch.Epoch;
        }
        if (text.Length == 0)
            return;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await File.AppendAllTextAsync(_path, text.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private int ReadLastEpoch()
    {
        if (!File.Exists(_path))
            return 0;
        string? last = File.ReadLines(_path).Skip(1).LastOrDefault(l => l.Length > 0);
        return last != null && int.TryParse(last.AsSpan(0, Math.Max(0, last.IndexOf(','))), NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch) ? epoch : 0;
    }
}
