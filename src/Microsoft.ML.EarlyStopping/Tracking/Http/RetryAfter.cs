using System.Net.Http.Headers;

namespace Microsoft.ML.EarlyStopping.Tracking.Http;

/// <summary>Reads a <c>Retry-After</c> header: delta-seconds or an HTTP date, the whole value (not just its first character).</summary>
internal static class RetryAfter
{
    /// <summary>The wait the header asks for (never negative, at most <paramref name="max"/>), or null when there is no usable header.</summary>
    public static TimeSpan? Read(HttpResponseMessage? response, DateTimeOffset now, TimeSpan max)
    {
        RetryConditionHeaderValue? header = response?.Headers.RetryAfter;
        TimeSpan? wait = header switch
        {
            { Delta: TimeSpan delta } => delta,
            { Date: DateTimeOffset date } => date - now,
            _ => null,
        };
        if (wait is not TimeSpan value)
            return null;
        if (value < TimeSpan.Zero)
            value = TimeSpan.Zero;
        return value > max ? max : value;
    }
}
