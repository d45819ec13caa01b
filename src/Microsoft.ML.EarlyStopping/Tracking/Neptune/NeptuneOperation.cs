namespace Microsoft.ML.EarlyStopping.Tracking.Neptune;

/// <summary>One attribute operation on a Neptune run, independent of the wire protocol (a transport encodes it).</summary>
/// <param name="Path">The attribute path, e.g. <c>train/loss</c>.</param>
/// <param name="Kind">The operation.</param>
public sealed record NeptuneOperation(string Path, NeptuneOperationKind Kind)
{
    /// <summary>The value of AssignFloat and AssignInt (finite).</summary>
    public double Number { get; init; }

    /// <summary>The value of AssignString.</summary>
    public string? Text { get; init; }

    /// <summary>The value of AssignBool.</summary>
    public bool Flag { get; init; }

    /// <summary>The points of LogFloats, steps strictly increasing, values finite.</summary>
    public IReadOnlyList<NeptuneSeriesPoint> Points { get; init; } = [];

    /// <summary>The values of InsertStrings.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];
}

/// <summary>One point of a float series.</summary>
/// <param name="Value">The value (finite).</param>
/// <param name="Step">The step.</param>
/// <param name="TimestampMilliseconds">Unix time in milliseconds.</param>
public sealed record NeptuneSeriesPoint(double Value, double Step, long TimestampMilliseconds);

/// <summary>An operation the server refused inside a successful answer.</summary>
/// <param name="ErrorType">The server's error type, e.g. <c>metadata_inconsistency</c>.</param>
/// <param name="Description">The server's description.</param>
public sealed record NeptuneOperationError(string ErrorType, string Description);

/// <summary>A Neptune run as the server knows it.</summary>
/// <param name="Id">The run's id (a UUID, the <c>experimentId</c> of later calls).</param>
/// <param name="ShortId">The human id, e.g. <c>PROJ-12</c>.</param>
/// <param name="Url">The run's page in the web app, when known.</param>
public sealed record NeptuneRunInfo(string Id, string? ShortId, string? Url);
