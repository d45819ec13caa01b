using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Microsoft.ML.EarlyStopping.Tracking.Http;

/// <summary>
/// One pooled <see cref="HttpClient"/> per sink behind a Polly pipeline: a per-attempt timeout inside a retry with
/// exponential backoff and jitter that honours <c>Retry-After</c>. A 429 is reported once as rate limiting. The answer
/// of the last attempt is returned whatever its status; only when no answer came at all does it throw
/// (<see cref="TrackingSinkException"/> with <see cref="TrackingFailureKind.Unavailable"/>).
/// </summary>
internal sealed class TrackingHttpClient : IDisposable
{
    private static readonly ResiliencePropertyKey<Action<string>> WarnKey = new("tracking.warn");
    private readonly HttpClient _client;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> _singleAttempt;
    private readonly string _what;
    private int _rateLimitReported;

    public TrackingHttpClient(string what, HttpRetryOptions retry, HttpMessageHandler? handler = null, bool insecureTls = false)
    {
        retry.Validate();
        _what = what;
        if (handler == null)
        {
            var sockets = new SocketsHttpHandler
            {
                ConnectTimeout = retry.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
            };
            if (insecureTls)
                sockets.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            handler = sockets;
        }
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter.Read(args.Outcome.Result, DateTimeOffset.UtcNow, retry.MaxRetryAfter)),
                OnRetry = args =>
                {
                    if (args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests && Interlocked.Exchange(ref _rateLimitReported, 1) == 0
                        && args.Context.Properties.TryGetValue(WarnKey, out Action<string>? warn))
                    {
                        warn(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rate limited by {_what} (HTTP 429); waiting {args.RetryDelay.TotalSeconds:0.#} s before retrying."));
                    }
                    RetriesDone++;
                    return ValueTask.CompletedTask;
                },
            });
        }
        _pipeline = builder.AddTimeout(retry.AttemptTimeout).Build();
        _singleAttempt = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(retry.AttemptTimeout).Build();
    }

    /// <summary>Retries made so far (for tests and diagnostics).</summary>
    public int RetriesDone { get; private set; }

    /// <summary>
    /// Sends the request <paramref name="create"/> makes (a new one per attempt) and returns the last answer.
    /// </summary>
    /// <exception cref="TrackingSinkException">No answer at all after every retry (<see cref="TrackingFailureKind.Unavailable"/>).</exception>
    /// <param name="create">Makes the request (called once per attempt).</param>
    /// <param name="operation">What the request does, for messages.</param>
    /// <param name="warn">Receives the rate-limit warning.</param>
    /// <param name="cancellationToken">Stops waiting and retrying.</param>
    /// <param name="retry">False for a request that is not safe to repeat (it might create a second resource): one attempt only.</param>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string operation, Action<string> warn, CancellationToken cancellationToken, bool retry = true)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(WarnKey, warn);
        try
        {
            Outcome<HttpResponseMessage> outcome = await (retry ? _pipeline : _singleAttempt).ExecuteOutcomeAsync(
                async (ctx, _) =>
                {
                    try
                    {
                        using HttpRequestMessage request = create();
                        HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                0).ConfigureAwait(false);
            if (outcome.Exception is Exception error)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TrackingSinkException(TrackingFailureKind.Unavailable,
                    SecretRedactor.Redact($"{_what} did not answer {operation} ({Describe(error)})"), null);
            }
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// The exception for a final non-success answer: 408, 429, 502, 503 and 504 mean the server is unavailable (keep the
    /// events for later); 401, 403, 404 and 402 mean the sink cannot work (bad credentials, project or run gone, limits);
    /// anything else, 500 included (a conflict some servers answer with 500), means this request was refused.
    /// </summary>
    public static async Task<TrackingSinkException> FailureAsync(HttpResponseMessage response, string what, string operation, CancellationToken cancellationToken)
    {
        string body = await ReadSnippetAsync(response, cancellationToken).ConfigureAwait(false);
        int code = (int)response.StatusCode;
        TrackingFailureKind kind = response.StatusCode switch
        {
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => TrackingFailureKind.Unavailable,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.PaymentRequired => TrackingFailureKind.Fatal,
            _ => TrackingFailureKind.Rejected,
        };
        string meaning = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => "rate limited",
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "authentication refused: check the token or credentials",
            _ => response.ReasonPhrase ?? "error",
        };
        return new TrackingSinkException(kind, SecretRedactor.Redact($"{what} answered {operation} with HTTP {code} ({meaning}){(body.Length > 0 ? ": " + body : "")}"));
    }

    /// <summary>The start of a response body, for error messages (a proxy may answer with HTML or nothing).</summary>
    public static async Task<string> ReadSnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            body = body.ReplaceLineEndings(" ").Trim();
            return body.Length > 300 ? body[..300] + "…" : body;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return "";
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken token)
    {
        if (outcome.Exception is Exception ex)
            return !token.IsCancellationRequested && ex is HttpRequestException or TimeoutRejectedException or IOException or SocketException or TaskCanceledException;
        return outcome.Result is HttpResponseMessage response && IsTransientStatus(response.StatusCode);
    }

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static string Describe(Exception ex) => ex switch
    {
        TimeoutRejectedException => "timed out",
        HttpRequestException { InnerException: SocketException socket } => $"network error: {socket.SocketErrorCode}",
        HttpRequestException http => $"network error: {http.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
