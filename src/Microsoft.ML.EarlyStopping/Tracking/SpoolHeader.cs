namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>The first line of a spool: which run the events belong to.</summary>
internal sealed record SpoolHeader
{
    public const string FormatName = "ml-earlystopping-tracking-spool";

    public string Format { get; init; } = FormatName;

    public int Version { get; init; } = 1;

    public required Guid RunKey { get; init; }

    public required string RunName { get; init; }

    public required DateTimeOffset Created { get; init; }
}
