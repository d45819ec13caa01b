using System.Globalization;
using System.Text;

namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>What a tracked run or a <see cref="TrackingSync"/> delivered, per sink.</summary>
public sealed record TrackingReport
{
    /// <summary>The run folder.</summary>
    public required string RunFolder { get; init; }

    /// <summary>The run's idempotency key (from the spool header).</summary>
    public required Guid RunKey { get; init; }

    /// <summary>Events in the spool.</summary>
    public required long EventsSpooled { get; init; }

    /// <summary>Events the training side produced that could not be written to the spool (disk errors); 0 normally.</summary>
    public long EventsNotSpooled { get; init; }

    /// <summary>One entry per sink, in the order they were configured.</summary>
    public required IReadOnlyList<SinkReport> Sinks { get; init; }

    /// <summary>True when some sink still has events waiting for a sync.</summary>
    public bool HasPendingEvents => Sinks.Any(s => s.EventsPending > 0);

    /// <summary>One line per sink, for logs: delivered, pending, dead-lettered and dropped counts.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        CultureInfo inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"Tracking: {EventsSpooled} events spooled in {Path.Combine(RunFolder, TrackingPaths.FolderName, TrackingPaths.SpoolFileName)}");
        if (EventsNotSpooled > 0)
            text.Append(inv, $", {EventsNotSpooled} could not be spooled");
        text.Append('.');
        foreach (SinkReport sink in Sinks)
        {
            text.AppendLine();
            text.Append(inv, $"  {sink.Name}: {sink.Status}, {sink.EventsDelivered} delivered");
            if (sink.EventsPending > 0)
                text.Append(inv, $", {sink.EventsPending} pending (run sync to upload them)");
            if (sink.EventsDeadLettered > 0)
                text.Append(inv, $", {sink.EventsDeadLettered} set aside in {TrackingPaths.FolderName}/{TrackingPaths.DeadLetterFolderName}/{sink.Name}.jsonl");
            if (sink.TotalPointsDropped > 0)
                text.Append(inv, $", points dropped: {string.Join(", ", sink.PointsDropped.Select(p => string.Create(inv, $"{p.Value} {p.Key}")))}");
            if ((sink.RemoteRunUrl ?? sink.RemoteRunId) is string where)
                text.Append(inv, $", run {where}");
            if (sink.LastError != null && sink.Status != SinkStatus.Complete)
                text.Append(inv, $"; last error: {sink.LastError}");
        }
        return text.ToString();
    }
}
