using System.Text.Json.Serialization;

namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>
/// One thing that happened in a tracked run, as spooled to disk and handed to every <see cref="ITrackingSink"/>.
/// The concrete kinds are <see cref="RunStartedEvent"/>, <see cref="EpochEndedEvent"/>, <see cref="TrainingOutcomeEvent"/>,
/// <see cref="EvaluationEvent"/> and <see cref="RunEndedEvent"/>; a run's spool always begins with a <see cref="RunStartedEvent"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStartedEvent), "runStarted")]
[JsonDerivedType(typeof(EpochEndedEvent), "epoch")]
[JsonDerivedType(typeof(TrainingOutcomeEvent), "outcome")]
[JsonDerivedType(typeof(EvaluationEvent), "evaluation")]
[JsonDerivedType(typeof(RunEndedEvent), "runEnded")]
public abstract record TrackingEvent
{
    private protected TrackingEvent()
    {
    }

    /// <summary>Position of the event in the run's spool, from 1, strictly increasing; sinks acknowledge progress by it.</summary>
    public long Sequence { get; init; }

    /// <summary>When the event happened (UTC). Replays send the same timestamp, so a server can recognise a point it already has.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
