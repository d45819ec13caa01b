using System.Buffers.Binary;
using System.Globalization;
using Google.Protobuf;
using Microsoft.ML.EarlyStopping.Tests.Data;
using Microsoft.ML.EarlyStopping.Tracking;
using Microsoft.ML.EarlyStopping.Tracking.Sinks;

namespace Microsoft.ML.EarlyStopping.Tests.Tracking;

[TestClass]
public sealed class FileSinkTests
{
    private static async Task<TrackingReport> TrainAsync(string folder, int epochs, params ITrackingSink[] sinks)
    {
        var tracker = new MetricsTracker(new MetricsTrackerOptions { RunFolder = folder, Sinks = sinks, Log = _ => { } });
        tracker.OnTrainingStarted(TrackingScenario.Started());
        for (int epoch = 1; epoch <= epochs; epoch++)
            tracker.OnEpochEnded(TrackingScenario.Epoch(epoch, validationLoss: epoch == 2 ? double.NaN : null));
        tracker.OnTrainingEnded(TrackingScenario.Finished(epochs));
        tracker.LogEvaluation("test", new Dictionary<string, double> { ["micro_accuracy"] = 0.625 });
        return await tracker.CompleteAsync();
    }

    [TestMethod]
    public async Task TheCsvFileHasAHeaderAndOneInvariantRowPerEpochWhateverTheCulture()
    {
        using var folder = new TempFolder();
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            await TrainAsync(folder.Path, 3, new CsvMetricsSink(TrackingSinks.CsvPath(folder.Path)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        string[] lines = File.ReadAllLines(Path.Combine(folder.Path, "metrics.csv"));
        Assert.HasCount(4, lines);
        string[] header = lines[0].Split(',');
        CollectionAssert.AreEqual(new[] { "epoch", "timestamp", "train_loss", "train_accuracy", "validation_loss" }, header.Take(5).ToArray());
        string[] row = lines[3].Split(',');
        Assert.AreEqual(header.Length, row.Length);
        Assert.AreEqual("3", row[0]);
        Assert.AreEqual(TrackingScenario.TrainingLoss(3), double.Parse(row[2], CultureInfo.InvariantCulture), 1e-12);
        Assert.AreEqual("NaN", lines[2].Split(',')[4], "NaN is written as NaN");
    }

    [TestMethod]
    public async Task FileSinksSkipWhatTheFileAlreadyHasWhenDeliveryIsRepeated()
    {
        using var folder = new TempFolder();
        await TrainAsync(folder.Path, 3, new CsvMetricsSink(TrackingSinks.CsvPath(folder.Path)), new JsonLinesMetricsSink(TrackingSinks.JsonLinesPath(folder.Path)));
        string csv = File.ReadAllText(TrackingSinks.CsvPath(folder.Path));
        string jsonl = File.ReadAllText(TrackingSinks.JsonLinesPath(folder.Path));

        // Forget the acknowledgements (as after a crash) and deliver the whole spool again.
        Directory.Delete(Path.Combine(folder.Path, "tracking", "sinks"), recursive: true);
        TrackingReport report = await TrackingSync.SyncAsync(folder.Path,
            [new CsvMetricsSink(TrackingSinks.CsvPath(folder.Path)), new JsonLinesMetricsSink(TrackingSinks.JsonLinesPath(folder.Path))], new TrackingSyncOptions { Log = _ => { } });

        Assert.IsTrue(report.Sinks.All(s => s.Status == SinkStatus.Complete));
        Assert.AreEqual(csv, File.ReadAllText(TrackingSinks.CsvPath(folder.Path)));
        Assert.AreEqual(jsonl, File.ReadAllText(TrackingSinks.JsonLinesPath(folder.Path)));
    }

    [TestMethod]
    public async Task TheJsonLinesFileHoldsEpochsOutcomeAndEvaluation()
    {
        using var folder = new TempFolder();
        await TrainAsync(folder.Path, 2, new JsonLinesMetricsSink(TrackingSinks.JsonLinesPath(folder.Path)));

        string[] lines = File.ReadAllLines(TrackingSinks.JsonLinesPath(folder.Path));
        Assert.HasCount(4, lines);
        StringAssert.StartsWith(lines[0], "{\"type\":\"epoch\"");
        StringAssert.Contains(lines[1], "\"validation/loss\":\"NaN\"");
        StringAssert.StartsWith(lines[2], "{\"type\":\"outcome\"");
        StringAssert.Contains(lines[3], "\"micro_accuracy\":0.625");
    }

    [TestMethod]
    public async Task TheConsoleSinkPrintsOneLinePerEpoch()
    {
        using var folder = new TempFolder();
        using var output = new StringWriter();
        await TrainAsync(folder.Path, 3, new ConsoleMetricsSink(output));

        string[] lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(3, lines.Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).ToList());
        StringAssert.Contains(lines.Single(l => l.StartsWith("epoch 3/", StringComparison.Ordinal)), "train loss 2.2000");
        Assert.IsTrue(lines.Any(l => l.StartsWith("evaluation test: micro_accuracy 0.625", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public async Task TheTensorBoardFileIsValidTfRecordFramingWithTheLoggedScalars()
    {
        using var folder = new TempFolder();
        var sink = new TensorBoardSink(TrackingSinks.TensorBoardFolder(folder.Path));
        await TrainAsync(folder.Path, 3, sink);

        string file = Directory.GetFiles(TrackingSinks.TensorBoardFolder(folder.Path)).Single();
        StringAssert.Contains(Path.GetFileName(file), "tfevents");
        List<byte[]> records = ReadRecords(File.ReadAllBytes(file));
        Assert.HasCount(1 + 3 + 1, records, "file version, 3 epochs, evaluation");

        var first = TensorBoardEvent.Parse(records[0]);
        Assert.AreEqual("brain.Event:2", first.FileVersion);
        var scalars = records.Skip(1).Select(TensorBoardEvent.Parse).ToList();
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 3 }, scalars.Select(e => e.Step).ToArray());
        Assert.AreEqual((float)TrackingScenario.TrainingLoss(2), scalars[1].Values["train/loss"]);
        Assert.AreEqual((float)TrackingScenario.ValidationLoss(3), scalars[2].Values["validation/loss"]);
        Assert.IsTrue(float.IsNaN(scalars[1].Values["validation/loss"]));
        Assert.AreEqual(0.625f, scalars[3].Values["evaluation/test/micro_accuracy"]);
        Assert.IsTrue(scalars.All(e => e.WallTime > 1.7e9), "wall times are Unix seconds");
    }

    [TestMethod]
    public void Crc32CMatchesTheStandardCheckValueAndTheReferenceAlgorithm()
    {
        byte[] check = "123456789"u8.ToArray();
        Assert.AreEqual(0xE3069283u, Microsoft.ML.EarlyStopping.Tracking.TensorBoard.Crc32C.Compute(check));
        var random = new Random(5);
        foreach (int length in new[] { 0, 1, 7, 8, 9, 63, 1000 })
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            Assert.AreEqual(ReferenceCrc32C(data), Microsoft.ML.EarlyStopping.Tracking.TensorBoard.Crc32C.Compute(data), $"length {length}");
        }
    }

    /// <summary>Reads TFRecord framing, checking both masked CRC-32Cs of every record with an independent bitwise CRC.</summary>
    internal static List<byte[]> ReadRecords(byte[] file)
    {
        var records = new List<byte[]>();
        int offset = 0;
        while (offset < file.Length)
        {
            Assert.IsLessThanOrEqualTo(file.Length, offset + 12, "a whole record header");
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(offset));
            Assert.AreEqual(Mask(ReferenceCrc32C(file.AsSpan(offset, 8))), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8)), $"length CRC at {offset}");
            int start = offset + 12;
            Assert.IsLessThanOrEqualTo(file.Length, start + (int)length + 4, "a whole record");
            byte[] data = file.AsSpan(start, (int)length).ToArray();
            Assert.AreEqual(Mask(ReferenceCrc32C(data)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(start + (int)length)), $"data CRC at {offset}");
            records.Add(data);
            offset = start + (int)length + 4;
        }
        return records;
    }

    private static uint Mask(uint crc) => unchecked(((crc >> 15) | (crc << 17)) + 0xA282EAD8u);

    private static uint ReferenceCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>The fields of a TensorFlow Event this test needs, decoded with Google.Protobuf's reader (independent of our writer).</summary>
    private sealed record TensorBoardEvent(double WallTime, long Step, string? FileVersion, Dictionary<string, float> Values)
    {
        public static TensorBoardEvent Parse(byte[] bytes)
        {
            var input = new CodedInputStream(bytes);
            double wall = 0;
            long step = 0;
            string? version = null;
            var values = new Dictionary<string, float>();
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1: wall = input.ReadDouble(); break;
                    case 2: step = input.ReadInt64(); break;
                    case 3: version = input.ReadString(); break;
                    case 5: ReadSummary(input.ReadBytes(), values); break;
                    default: input.SkipLastField(); break;
                }
            }
            return new TensorBoardEvent(wall, step, version, values);
        }

        private static void ReadSummary(ByteString summary, Dictionary<string, float> values)
        {
            var input = new CodedInputStream(summary.ToByteArray());
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) != 1)
                {
                    input.SkipLastField();
                    continue;
                }
                var value = new CodedInputStream(input.ReadBytes().ToByteArray());
                string name = "";
                float simple = 0;
                uint inner;
                while ((inner = value.ReadTag()) != 0)
                {
                    switch (WireFormat.GetTagFieldNumber(inner))
                    {
                        case 1: name = value.ReadString(); break;
                        case 2: simple = value.ReadFloat(); break;
                        default: value.SkipLastField(); break;
                    }
                }
                values[name] = simple;
            }
        }
    }
}
