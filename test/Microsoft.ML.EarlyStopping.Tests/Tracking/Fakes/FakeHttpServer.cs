using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking.Fakes;

/// <summary>A request as the fake server saw it.</summary>
internal sealed record FakeRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out string? value) ? value : null;

    public string? QueryValue(string name)
    {
        foreach (string pair in Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', 2);
            if (Uri.UnescapeDataString(parts[0]) == name)
                return parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "";
        }
        return null;
    }
}

/// <summary>An answer of the fake server; <see cref="Drop"/> closes the connection without answering (a network error for the client).</summary>
internal sealed record FakeResponse(int Status, string Body = "", string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeResponse Drop { get; } = new(-1);

    public static FakeResponse Json(string body) => new(200, body);
}

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 (ephemeral port) that reads whole requests (headers and Content-Length body),
/// hands them to a handler and writes its answer, one request per connection. Everything it received is recorded, so
/// tests can check for secrets in what clients send and what servers echo.
/// </summary>
internal sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<FakeRequest, FakeResponse> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _acceptLoop;

    /// <param name="handler">Answers each request.</param>
    /// <param name="port">A fixed port on 127.0.0.1, or 0 for an ephemeral one.</param>
    public FakeHttpServer(Func<FakeRequest, FakeResponse> handler, int port = 0)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>An address where nothing listens: connections are refused (a server that is down).</summary>
    public static Uri DeadAddress()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await Task.WhenAll([_acceptLoop, .. _connections]).ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _connections.Add(ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                FakeRequest request = await ReadRequestAsync(stream, _stopping.Token);
                _requests.Enqueue(request);
                FakeResponse response = _handler(request);
                if (response.Status < 0)
                    return;
                byte[] body = Encoding.UTF8.GetBytes(response.Body);
                var head = new StringBuilder();
                head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {ReasonPhrase(response.Status)}\r\n");
                head.Append(CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n");
                foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
                    head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
                head.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stopping.Token);
                await stream.WriteAsync(body, _stopping.Token);
                await stream.FlushAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    private static async Task<FakeRequest> ReadRequestAsync(Stream stream, CancellationToken token)
    {
        var buffer = new List<byte>();
        byte[] one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, token) == 0 || buffer.Count > 64 * 1024)
                throw new IOException("The client closed the connection before sending a whole request.");
            buffer.Add(one[0]);
        }
        string[] lines = Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n");
        string[] first = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1).Where(l => l.Length > 0))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        int length = headers.TryGetValue("content-length", out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        byte[] body = new byte[length];
        int read = 0;
        while (read < length)
        {
            int n = await stream.ReadAsync(body.AsMemory(read), token);
            if (n == 0)
                throw new IOException("The client closed the connection in the middle of the body.");
            read += n;
        }
        string target = first[1];
        int question = target.IndexOf('?', StringComparison.Ordinal);
        return new FakeRequest(first[0], question < 0 ? target : target[..question], question < 0 ? "" : target[question..], headers, Encoding.UTF8.GetString(body));
    }
}
