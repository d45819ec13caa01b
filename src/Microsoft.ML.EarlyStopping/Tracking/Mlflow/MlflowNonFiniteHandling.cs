namespace Microsoft.ML.EarlyStopping.Tracking.Mlflow;

/// <summary>What the MLflow sink does with NaN and infinite metric values (JSON has no such numbers).</summary>
public enum MlflowNonFiniteHandling
{
    /// <summary>Skip the point and count it (the safe default: NaN metrics have broken MLflow's UI).</summary>
    Skip,

    /// <summary>Send the strings "NaN", "Infinity" and "-Infinity", which MLflow's protobuf JSON parser accepts.</summary>
    SendAsString,
}
