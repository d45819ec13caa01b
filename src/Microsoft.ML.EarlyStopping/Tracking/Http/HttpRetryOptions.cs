namespace Microsoft.ML.EarlyStopping.Tracking.Http;

/// <summary>
/// How the HTTP sinks retry a request: transient failures (network errors, timeouts, 408, 429, 500, 502, 503, 504) are
/// retried with exponential backoff and jitter; a 429 or 503 with <c>Retry-After</c> waits as the server asks.
/// </summary>
public sealed class HttpRetryOptions
{
    /// <summary>Retries after the first attempt of one request. Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first backoff delay; each retry doubles it (with jitter). Default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait a <c>Retry-After</c> header may ask for; longer requests are capped to it. Default 120 seconds.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Timeout of one attempt (connect, send and read the answer). Default 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of establishing a TCP connection. Default 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        if (MaxRetries < 0 || MaxRetries > 100)
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "HttpRetryOptions.MaxRetries must be between 0 and 100.");
        foreach (var (name, value) in new[] { (nameof(BaseDelay), BaseDelay), (nameof(MaxDelay), MaxDelay), (nameof(MaxRetryAfter), MaxRetryAfter), (nameof(AttemptTimeout), AttemptTimeout), (nameof(ConnectTimeout), ConnectTimeout) })
        {
            if (value <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(name, value, $"HttpRetryOptions.{name} must be positive.");
        }
    }
}
