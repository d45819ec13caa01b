namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>The final state of a tracked run (MLflow's FINISHED, FAILED and KILLED).</summary>
public enum RunEndState
{
    /// <summary>Training finished and the run was closed normally.</summary>
    Finished,

    /// <summary>Training threw an exception.</summary>
    Failed,

    /// <summary>Training was cancelled, or the process ended without closing the run.</summary>
    Killed,
}
