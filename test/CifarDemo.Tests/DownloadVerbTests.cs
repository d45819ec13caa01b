using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CifarDemo.Tests;

/// <summary>download: fetch, verify and cache an archive (from a server on this machine), or fail with exit code 3 and advice.</summary>
[TestClass]
public sealed class DownloadVerbTests
{
    [TestMethod]
    public async Task DownloadsVerifiesAndReusesTheCache()
    {
        using var temp = new TempFolder();
        byte[] archive = TinyCifarArchive();
        string md5 = Convert.ToHexStringLower(MD5.HashData(archive));
        await using var server = new OneFileServer(archive);
        string cache = temp.Folder("cache");

        DemoResult first = DemoRunner.Run("download", "--cache", cache, "--url", server.Url, "--md5", md5);
        DemoResult second = DemoRunner.Run("download", "--cache", cache, "--url", server.Url, "--md5", md5);

        Assert.AreEqual(ExitCodes.Success, first.ExitCode, first.ToString());
        string folder = Path.Combine(cache, "cifar-10-batches-bin");
        StringAssert.Contains(first.Output, "CIFAR-10 is ready: " + folder);
        Assert.IsTrue(File.Exists(Path.Combine(folder, "data_batch_1.bin")));
        Assert.AreEqual(ExitCodes.Success, second.ExitCode, second.ToString());
        Assert.AreEqual(1, server.Requests, "the second run uses the verified copy in the cache");
    }

    [TestMethod]
    public void AnUnreachableServerExitsWith3AndSaysHowToUseLocalData()
    {
        using var temp = new TempFolder();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: the connection is refused at once

        DemoResult result = DemoRunner.Run(
            "download", "--cache", temp.Folder("cache"), "--url", $"http://127.0.0.1:{port}/cifar.tar.gz", "--md5", new string('0', 32));

        Assert.AreEqual(ExitCodes.DataError, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Output, "--data PATH");
    }

    /// <summary>A gzip tar with cifar-10-batches-bin/batches.meta.txt and a data_batch_1.bin of two records.</summary>
    private static byte[] TinyCifarArchive()
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            Add(tar, "cifar-10-batches-bin/batches.meta.txt", Encoding.ASCII.GetBytes("cat\ndog\n"));
            byte[] records = new byte[2 * 3073];
            records[3073] = 1;
            Add(tar, "cifar-10-batches-bin/data_batch_1.bin", records);
        }
        return stream.ToArray();
    }

    private static void Add(TarWriter tar, string name, byte[] content)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
        tar.WriteEntry(entry);
    }

    /// <summary>Serves one file over HTTP on 127.0.0.1 (an ephemeral port) to any GET, and counts the requests.</summary>
    private sealed class OneFileServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly byte[] _body;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private int _requests;

        public OneFileServer(byte[] body)
        {
            _body = body;
            _listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/cifar-10-binary.tar.gz";
            _loop = ServeAsync();
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref _requests);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // stopping
            }
            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                NetworkStream stream = client.GetStream();
                var head = new StringBuilder();
                var one = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, _stop.Token) == 1)
                    head.Append((char)one[0]);
                Interlocked.Increment(ref _requests);
                byte[] header = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/gzip\r\nContent-Length: {_body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(header, _stop.Token);
                await stream.WriteAsync(_body, _stop.Token);
            }
        }
    }
}
