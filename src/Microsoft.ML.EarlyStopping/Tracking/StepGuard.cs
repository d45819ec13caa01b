namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>
/// Remembers the last step sent per series and removes points whose step does not increase, so that no sink ever sends
/// what Neptune would refuse ("step must be strictly increasing") or what would duplicate a curve after a resume.
/// Immutable: <see cref="Filter"/> returns the guard to keep once the filtered events are delivered.
/// </summary>
internal sealed class StepGuard
{
    private readonly Dictionary<string, int> _lastStep;

    public StepGuard()
        : this(new Dictionary<string, int>(StringComparer.Ordinal))
    {
    }

    private StepGuard(Dictionary<string, int> lastStep)
    {
        _lastStep = lastStep;
    }

    /// <summary>The events with non-increasing points removed (an epoch event left with none is removed), the count removed, and the guard after them.</summary>
    public (IReadOnlyList<TrackingEvent> Events, int DroppedPoints, StepGuard Next) Filter(IEnumerable<TrackingEvent> events)
    {
        var last = new Dictionary<string, int>(_lastStep, StringComparer.Ordinal);
        var kept = new List<TrackingEvent>();
        int dropped = 0;
        foreach (TrackingEvent e in events)
        {
            if (e is not EpochEndedEvent epoch)
            {
                kept.Add(e);
                continue;
            }
            Dictionary<string, double>? accepted = null;
            foreach (var (name, value) in epoch.Metrics)
            {
                if (last.TryGetValue(name, out int previous) && epoch.Epoch <= previous)
                {
                    dropped++;
                    accepted ??= new Dictionary<string, double>(epoch.Metrics.TakeWhile(m => m.Key != name), StringComparer.Ordinal);
                    continue;
                }
                last[name] = epoch.Epoch;
                accepted?.Add(name, value);
            }
            if (accepted == null)
                kept.Add(epoch);
            else if (accepted.Count > 0)
                kept.Add(epoch with { Metrics = accepted });
        }
        return (kept, dropped, new StepGuard(last));
    }
}
