using Microsoft.ML.EarlyStopping.Tracking.Http;

namespace Microsoft.ML.EarlyStopping.Tracking.Neptune;

/// <summary>
/// Options of <see cref="NeptuneSink"/>. The hosted Neptune services shut down on 2026-03-05; this sink talks to a
/// <b>self-hosted</b> Neptune server that speaks the 2.x JSON protocol.
/// </summary>
public sealed class NeptuneSinkOptions
{
    /// <summary>The API token from your Neptune server (<c>NEPTUNE_API_TOKEN</c>); a secret, never logged. Required unless <see cref="Transport"/> is set.</summary>
    public string? ApiToken { get; set; }

    /// <summary>The project, <c>workspace/project</c> (<c>NEPTUNE_PROJECT</c>). Required.</summary>
    public string? Project { get; set; }

    /// <summary>The run's idempotency key (<c>NEPTUNE_CUSTOM_RUN_ID</c>), at most 36 characters. Default null: the tracker's run key.</summary>
    public string? CustomRunId { get; set; }

    /// <summary>Retry and timeout settings of the HTTP client.</summary>
    public HttpRetryOptions Retry { get; set; } = new();

    /// <summary>A message handler to use instead of the sink's own (for proxies or tests); the sink disposes it. Default null.</summary>
    public HttpMessageHandler? MessageHandler { get; set; }

    /// <summary>A transport to use instead of the built-in 2.x JSON one (for example a 3.x transport); the sink disposes it. Default null.</summary>
    public INeptuneTransport? Transport { get; set; }

    /// <summary>
    /// Options from the environment: <c>NEPTUNE_API_TOKEN</c>, <c>NEPTUNE_PROJECT</c>, <c>NEPTUNE_CUSTOM_RUN_ID</c>; null when
    /// the token or the project is missing, or when <c>NEPTUNE_MODE</c> is <c>offline</c>, <c>debug</c> or <c>read-only</c>
    /// (offline runs are still spooled and can be uploaded later with <see cref="TrackingSync"/>).
    /// </summary>
    public static NeptuneSinkOptions? FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable, forSync: false);

    internal static NeptuneSinkOptions? FromEnvironment(Func<string, string?> variable, bool forSync)
    {
        string? token = variable("NEPTUNE_API_TOKEN"), project = variable("NEPTUNE_PROJECT");
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(project))
            return null;
        SecretRedactor.Register(token.Trim());
        string mode = (variable("NEPTUNE_MODE") ?? "async").Trim().ToLowerInvariant();
        if (mode is "debug" or "read-only" || (mode == "offline" && !forSync))
            return null;
        string? custom = variable("NEPTUNE_CUSTOM_RUN_ID");
        return new NeptuneSinkOptions { ApiToken = token.Trim(), Project = project.Trim(), CustomRunId = string.IsNullOrWhiteSpace(custom) ? null : custom.Trim() };
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Project) || Project.Count(c => c == '/') != 1 || Project.StartsWith('/') || Project.EndsWith('/'))
            throw new ArgumentException($"NeptuneSinkOptions.Project must be 'workspace/project' (NEPTUNE_PROJECT), but it is '{Project}'.", nameof(Project));
        if (CustomRunId != null && (CustomRunId.Length == 0 || CustomRunId.Length > 36))
            throw new ArgumentException("NeptuneSinkOptions.CustomRunId must be 1 to 36 characters.", nameof(CustomRunId));
        if (Transport == null && string.IsNullOrWhiteSpace(ApiToken))
            throw new ArgumentException("NeptuneSinkOptions.ApiToken (NEPTUNE_API_TOKEN) is required.", nameof(ApiToken));
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
    }
}
