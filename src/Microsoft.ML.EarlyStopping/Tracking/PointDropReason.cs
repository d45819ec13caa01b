namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>Why a metric point did not reach a sink's destination; every dropped point is counted and reported at the end.</summary>
public enum PointDropReason
{
    /// <summary>The value was NaN or infinite and the sink's policy is to skip such values.</summary>
    NonFinite,

    /// <summary>The step was not greater than the last step already sent for the same series.</summary>
    NonIncreasingStep,

    /// <summary>The server accepted the request but refused the point (for example a per-operation error inside an HTTP 200).</summary>
    RejectedByServer,

    /// <summary>The point's batch kept failing and was set aside in the dead-letter file.</summary>
    DeadLettered,
}
