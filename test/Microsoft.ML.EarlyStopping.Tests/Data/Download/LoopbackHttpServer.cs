using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Download;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 with an ephemeral port: one request per connection, answered by a handler
/// that writes the raw response, so tests can also send broken, truncated or stalled responses.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, Func<Stream, CancellationToken, Task>> _route;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _acceptLoop;

    /// <param name="route">Picks, from the request path, the responder that writes the whole response to the connection.</param>
    public LoopbackHttpServer(Func<string, Func<Stream, CancellationToken, Task>> route)
    {
        _route = route;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseUri { get; }

    /// <summary>The paths requested so far, in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public Uri UrlFor(string path) => new(BaseUri, path);

    /// <summary>Answers 200 with the body and a correct Content-Length (or none, to make the client read until close).</summary>
    public static Func<Stream, CancellationToken, Task> Body(byte[] body, bool sendLength = true) =>
        (stream, token) => WriteAsync(stream, 200, "OK", body.Length, body, sendLength, token);

    /// <summary>Answers an error status with a short text body.</summary>
    public static Func<Stream, CancellationToken, Task> Status(int code, string reason) =>
        (stream, token) =>
        {
            byte[] text = Encoding.ASCII.GetBytes($"{code} {reason}");
            return WriteAsync(stream, code, reason, text.Length, text, sendLength: true, token);
        };

    /// <summary>Declares the whole body's length but sends only the first <paramref name="sent"/> bytes, then closes.</summary>
    public static Func<Stream, CancellationToken, Task> Truncated(byte[] body, int sent) =>
        (stream, token) => WriteAsync(stream, 200, "OK", body.Length, body.AsMemory(0, sent), sendLength: true, token);

    /// <summary>Sends the first <paramref name="sent"/> bytes, signals <paramref name="stalled"/>, then goes quiet until the server stops.</summary>
    public static Func<Stream, CancellationToken, Task> Stall(byte[] body, int sent, TaskCompletionSource? stalled = null) =>
        async (stream, token) =>
        {
            await WriteAsync(stream, 200, "OK", body.Length, body.AsMemory(0, sent), sendLength: true, token);
            stalled?.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await Task.WhenAll([_acceptLoop, .. _connections]).ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private static async Task WriteAsync(
        Stream stream, int code, string reason, long declaredLength, ReadOnlyMemory<byte> body, bool sendLength, CancellationToken token)
    {
        string length = sendLength ? $"Content-Length: {declaredLength}\r\n" : string.Empty;
        byte[] head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {code} {reason}\r\nContent-Type: application/gzip\r\n{length}Connection: close\r\n\r\n");
        await stream.WriteAsync(head, token);
        await stream.WriteAsync(body, token);
        await stream.FlushAsync(token);
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
                string path = await ReadRequestPathAsync(stream, _stopping.Token);
                _requests.Enqueue(path);
                await _route(path)(stream, _stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client went away or the server is stopping: nothing to answer.
            }
        }
    }

    private static async Task<string> ReadRequestPathAsync(Stream stream, CancellationToken token)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, token) == 0 || head.Length > 16 * 1024)
            {
                throw new IOException("The client closed the connection before sending a whole request.");
            }

            head.Append((char)one[0]);
        }

        // "GET /path HTTP/1.1"
        return head.ToString().Split(' ')[1];
    }
}
