using Microsoft.ML.EarlyStopping.Tracking.Http;

namespace Microsoft.ML.EarlyStopping.Tracking.Mlflow;

/// <summary>Options of <see cref="MlflowSink"/>: where the MLflow tracking server is, which experiment, and how to authenticate.</summary>
public sealed class MlflowSinkOptions
{
    /// <summary>
    /// The tracking server, e.g. <c>http://127.0.0.1:5000</c> (<c>MLFLOW_TRACKING_URI</c>). Credentials written into it
    /// (<c>http://user:pass@host</c>) are taken out and sent as Basic authentication, never logged. Required.
    /// </summary>
    public Uri? TrackingUri { get; set; }

    /// <summary>The experiment, created if missing (<c>MLFLOW_EXPERIMENT_NAME</c>). Default "Default".</summary>
    public string ExperimentName { get; set; } = "Default";

    /// <summary>An experiment id to use instead of looking up <see cref="ExperimentName"/> (<c>MLFLOW_EXPERIMENT_ID</c>). Default null.</summary>
    public string? ExperimentId { get; set; }

    /// <summary>An existing run to log into instead of finding or creating one (<c>MLFLOW_RUN_ID</c>). Default null.</summary>
    public string? RunId { get; set; }

    /// <summary>Basic authentication user (<c>MLFLOW_TRACKING_USERNAME</c>). Default null.</summary>
    public string? Username { get; set; }

    /// <summary>Basic authentication password (<c>MLFLOW_TRACKING_PASSWORD</c>); a secret, never logged. Default null.</summary>
    public string? Password { get; set; }

    /// <summary>Bearer token, used when no user name is set (<c>MLFLOW_TRACKING_TOKEN</c>); a secret, never logged. Default null.</summary>
    public string? Token { get; set; }

    /// <summary>Accept any TLS certificate (<c>MLFLOW_TRACKING_INSECURE_TLS=true</c>); for self-signed test servers only. Default false.</summary>
    public bool InsecureTls { get; set; }

    /// <summary>What to do with NaN and infinite values. Default <see cref="MlflowNonFiniteHandling.Skip"/>.</summary>
    public MlflowNonFiniteHandling NonFiniteValues { get; set; } = MlflowNonFiniteHandling.Skip;

    /// <summary>Longest parameter value sent; longer values are cut (old servers refuse more than 250 characters, current ones 6000). Default 250.</summary>
    public int MaxParamValueLength { get; set; } = 250;

    /// <summary>Retry and timeout settings of the HTTP client.</summary>
    public HttpRetryOptions Retry { get; set; } = new();

    /// <summary>A message handler to use instead of the sink's own (for proxies or tests); the sink disposes it. Default null.</summary>
    public HttpMessageHandler? MessageHandler { get; set; }

    /// <summary>
    /// Options from the standard MLflow environment variables (<c>MLFLOW_TRACKING_URI</c>, <c>MLFLOW_EXPERIMENT_NAME</c>,
    /// <c>MLFLOW_EXPERIMENT_ID</c>, <c>MLFLOW_RUN_ID</c>, <c>MLFLOW_TRACKING_USERNAME</c>/<c>MLFLOW_TRACKING_PASSWORD</c>,
    /// <c>MLFLOW_TRACKING_TOKEN</c>, <c>MLFLOW_TRACKING_INSECURE_TLS</c>), or null when <c>MLFLOW_TRACKING_URI</c> is not an
    /// http(s) address (a local <c>file:</c> store or <c>databricks</c> cannot be written over REST by this sink).
    /// </summary>
    public static MlflowSinkOptions? FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    internal static MlflowSinkOptions? FromEnvironment(Func<string, string?> variable)
    {
        string? uri = variable("MLFLOW_TRACKING_URI");
        if (string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri.Trim(), UriKind.Absolute, out Uri? parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
            return null;
        var options = new MlflowSinkOptions
        {
            TrackingUri = parsed,
            ExperimentId = NullIfEmpty(variable("MLFLOW_EXPERIMENT_ID")),
            RunId = NullIfEmpty(variable("MLFLOW_RUN_ID")),
            Username = NullIfEmpty(variable("MLFLOW_TRACKING_USERNAME")),
            Password = NullIfEmpty(variable("MLFLOW_TRACKING_PASSWORD")),
            Token = NullIfEmpty(variable("MLFLOW_TRACKING_TOKEN")),
            InsecureTls = string.Equals(variable("MLFLOW_TRACKING_INSECURE_TLS"), "true", StringComparison.OrdinalIgnoreCase),
        };
        if (NullIfEmpty(variable("MLFLOW_EXPERIMENT_NAME")) is string name)
            options.ExperimentName = name;
        return options;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal void Validate()
    {
        if (TrackingUri == null || !TrackingUri.IsAbsoluteUri || (TrackingUri.Scheme != Uri.UriSchemeHttp && TrackingUri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("MlflowSinkOptions.TrackingUri must be an absolute http or https address of the MLflow tracking server.", nameof(TrackingUri));
        if (ExperimentId == null && string.IsNullOrWhiteSpace(ExperimentName))
            throw new ArgumentException("MlflowSinkOptions.ExperimentName must not be empty when no ExperimentId is set.", nameof(ExperimentName));
        if (!Enum.IsDefined(NonFiniteValues))
            throw new ArgumentOutOfRangeException(nameof(NonFiniteValues), NonFiniteValues, "MlflowSinkOptions.NonFiniteValues must be a defined MlflowNonFiniteHandling.");
        if (MaxParamValueLength < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxParamValueLength), MaxParamValueLength, "MlflowSinkOptions.MaxParamValueLength must be at least 1.");
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
    }
}
