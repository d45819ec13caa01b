namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>What <see cref="EventSpool.Read"/> found: the header, the whole events, how many bytes they span, and whether a torn last line was ignored.</summary>
internal sealed record SpoolContents(SpoolHeader Header, IReadOnlyList<TrackingEvent> Events, long ValidLength, bool TornTail);
