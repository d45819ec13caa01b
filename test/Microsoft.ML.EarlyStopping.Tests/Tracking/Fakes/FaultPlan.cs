using System.Collections.Concurrent;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking.Fakes;

/// <summary>Scripted faults for a fake server: answers to give, in order, to the next requests whose path contains a given text.</summary>
internal sealed class FaultPlan
{
    private readonly ConcurrentQueue<(string PathPart, FakeResponse Response)> _planned = new();

    private volatile bool _outage;

    /// <summary>When true, every request is answered 503 (the service is down behind a reachable proxy).</summary>
    public bool Outage
    {
        get => _outage;
        set => _outage = value;
    }

    /// <summary>Answers the next requests whose path contains <paramref name="pathPart"/> with <paramref name="responses"/>, one each.</summary>
    public void Next(string pathPart, params FakeResponse[] responses)
    {
        foreach (FakeResponse response in responses)
            _planned.Enqueue((pathPart, response));
    }

    /// <summary>A planned answer that lets the request through to the fake's real handler.</summary>
    public static FakeResponse Pass { get; } = new(0);

    public static FakeResponse Status(int status, string body = "", Dictionary<string, string>? headers = null) => new(status, body, "text/plain", headers);

    public static FakeResponse RateLimited(string retryAfter) =>
        new(429, "{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"slow down\"}", "application/json", new Dictionary<string, string> { ["Retry-After"] = retryAfter });

    /// <summary>The planned fault for this request, if any (consumed).</summary>
    public FakeResponse? Take(FakeRequest request)
    {
        if (_outage)
            return Status(503, "down for maintenance");
        if (_planned.TryPeek(out var next) && request.Path.Contains(next.PathPart, StringComparison.Ordinal) && _planned.TryDequeue(out next))
            return next.Response.Status == 0 ? null : next.Response;
        return null;
    }
}
