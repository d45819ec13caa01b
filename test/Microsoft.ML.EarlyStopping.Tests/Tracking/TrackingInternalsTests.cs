using System.Net;
using Microsoft.ML.EarlyStopping.Tests.Data;
using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Tracking.Http;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking;

[TestClass]
public sealed class TrackingInternalsTests
{
    private static EpochEndedEvent Epoch(int epoch, params string[] names) =>
        new() { Epoch = epoch, Metrics = names.ToDictionary(n => n, _ => 1.0), Sequence = epoch };

    [TestMethod]
    public void TheStepGuardDropsNonIncreasingStepsPerSeriesAndCountsThem()
    {
        var guard = new StepGuard();
        var (kept, dropped, next) = guard.Filter([Epoch(1, "a", "b"), Epoch(2, "a"), Epoch(2, "a", "b"), Epoch(1, "b")]);

        Assert.AreEqual(2, dropped, "epoch 2 of 'a' again and epoch 1 of 'b' after its epoch 2");
        CollectionAssert.AreEqual(new[] { 1, 2, 2 }, kept.Cast<EpochEndedEvent>().Select(e => e.Epoch).ToArray());
        CollectionAssert.AreEqual(new[] { "b" }, ((EpochEndedEvent)kept[2]).Metrics.Keys.ToArray());

        var (later, laterDropped, _) = next.Filter([Epoch(2, "a"), Epoch(3, "a")]);
        Assert.AreEqual(1, laterDropped, "the guard carries over between batches");
        Assert.AreEqual(3, ((EpochEndedEvent)later.Single()).Epoch);
        Assert.AreEqual(0, guard.Filter([Epoch(2, "a")]).DroppedPoints, "Filter does not change the guard it is called on");
    }

    [TestMethod]
    public void SecretsAreRedactedFromAnyText()
    {
        SecretRedactor.Register("registered-secret-value");
        SecretRedactor.Register("abc"); // too short to register: would mask ordinary text
        string text = SecretRedactor.Redact("token registered-secret-value at https://user:p4ss@host:5000/api, Authorization: Bearer eyJhbGciOiJub25lIn0.e30.sig and abc");
        Assert.DoesNotContain("registered-secret-value", text);
        Assert.DoesNotContain("p4ss", text);
        Assert.DoesNotContain("eyJhbGciOiJub25lIn0", text);
        StringAssert.Contains(text, "https://***@host:5000/api");
        StringAssert.Contains(text, "and abc");
        Assert.AreEqual("http://host/x", SecretRedactor.StripCredentials(new Uri("http://u:p@host/x")));
    }

    [TestMethod]
    public void RetryAfterReadsTheWholeDeltaOrADateAndCapsIt()
    {
        DateTimeOffset now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        using var delta = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        delta.Headers.TryAddWithoutValidation("Retry-After", "120");
        Assert.AreEqual(TimeSpan.FromSeconds(120), RetryAfter.Read(delta, now, TimeSpan.FromMinutes(5)), "all digits, not the first one");
        Assert.AreEqual(TimeSpan.FromSeconds(30), RetryAfter.Read(delta, now, TimeSpan.FromSeconds(30)), "capped");

        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.TryAddWithoutValidation("Retry-After", now.AddSeconds(45).ToString("R"));
        Assert.AreEqual(TimeSpan.FromSeconds(45), RetryAfter.Read(date, now, TimeSpan.FromMinutes(5)));
        Assert.AreEqual(TimeSpan.Zero, RetryAfter.Read(date, now.AddMinutes(1), TimeSpan.FromMinutes(5)), "a date in the past means now");

        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Assert.IsNull(RetryAfter.Read(none, now, TimeSpan.FromMinutes(5)));
    }

    [TestMethod]
    public void TheSpoolKeepsNonFiniteValuesAndIgnoresOnlyATornLastLine()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "spool.jsonl");
        var key = Guid.NewGuid();
        using (EventSpool spool = EventSpool.Create(path, new SpoolHeader { RunKey = key, RunName = "r", Created = DateTimeOffset.UtcNow }))
        {
            foreach (TrackingEvent e in new TrackingEvent[]
            {
                new RunStartedEvent { RunKey = key, RunName = "r", Sequence = 1 },
                new EpochEndedEvent { Epoch = 1, Metrics = new Dictionary<string, double> { ["x"] = double.NaN, ["y"] = double.NegativeInfinity }, Sequence = 2 },
            })
            {
                var (line, _) = EventSpool.Serialize(e);
                spool.Append(e.Sequence, line);
            }
            spool.Flush();
        }
        File.AppendAllText(path, "{\"type\":\"epoch\",\"sequ");

        SpoolContents contents = EventSpool.Read(path);
        Assert.AreEqual(key, contents.Header.RunKey);
        Assert.HasCount(2, contents.Events);
        Assert.IsTrue(contents.TornTail);
        var epoch = (EpochEndedEvent)contents.Events[1];
        Assert.IsTrue(double.IsNaN(epoch.Metrics["x"]));
        Assert.AreEqual(double.NegativeInfinity, epoch.Metrics["y"]);
    }

    [TestMethod]
    public void SinkStateIsSavedAtomicallyAndBelongsToItsRun()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "sinks", "mlflow.json");
        var key = Guid.NewGuid();
        new SinkState { Sink = "mlflow", RunKey = key, Acknowledged = 7, RemoteRunId = "r1" }.Save(path);
        new SinkState { Sink = "mlflow", RunKey = key, Acknowledged = 9, RemoteRunId = "r1" }.Save(path);

        SinkState loaded = SinkState.Load(path, "mlflow", key);
        Assert.AreEqual(9, loaded.Acknowledged);
        Assert.AreEqual("r1", loaded.RemoteRunId);
        CollectionAssert.AreEqual(new[] { "mlflow.json" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).ToArray(), "no temporary file is left");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => SinkState.Load(path, "mlflow", Guid.NewGuid())).Message, "belongs to run");
    }

    [TestMethod]
    public void TheUsualSinksComeFromTheEnvironment()
    {
        using var folder = new TempFolder();
        var env = new Dictionary<string, string>
        {
            ["MLFLOW_TRACKING_URI"] = "http://127.0.0.1:1/",
            ["NEPTUNE_API_TOKEN"] = Convert.ToBase64String("{\"api_address\":\"http://127.0.0.1:1\",\"api_key\":\"k-000000\"}"u8.ToArray()),
            ["NEPTUNE_PROJECT"] = "ws/proj",
        };
        IReadOnlyList<ITrackingSink> sinks = TrackingSinks.FromEnvironment(folder.Path, console: true, env.GetValueOrDefault);
        CollectionAssert.AreEqual(new[] { "csv", "jsonl", "tensorboard", "console", "mlflow", "neptune" }, sinks.Select(s => s.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "csv", "jsonl", "tensorboard" }, TrackingSinks.FromEnvironment(folder.Path, console: false, _ => null).Select(s => s.Name).ToArray());
        env["NEPTUNE_MODE"] = "offline";
        CollectionAssert.AreEqual(new[] { "csv", "jsonl", "tensorboard", "mlflow" }, TrackingSinks.FromEnvironment(folder.Path, console: false, env.GetValueOrDefault).Select(s => s.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "csv", "jsonl", "tensorboard", "mlflow", "neptune" }, TrackingSinks.ForSync(folder.Path, env.GetValueOrDefault).Select(s => s.Name).ToArray(),
            "an offline Neptune run is uploaded by sync");
    }
}
