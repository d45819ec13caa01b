namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>Thrown by an <see cref="ITrackingSink"/> to say why a batch was not delivered. Messages must never contain secrets.</summary>
public sealed class TrackingSinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What the failure means for the batch.</param>
    /// <param name="message">What went wrong, without secrets.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TrackingSinkException(TrackingFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What the failure means for the batch.</summary>
    public TrackingFailureKind Kind { get; }
}
