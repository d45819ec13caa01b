namespace Microsoft.ML.EarlyStopping.Tests.EarlyStopping;

/// <summary>
/// Properties checked over many seeded random sequences. Values are random walks with ties, gaps (no value),
/// and optionally NaN/±Inf. Where a property compares with MinDelta arithmetic, values and MinDelta are
/// multiples of 1/64 so every difference is exact in binary floating point.
/// </summary>
[TestClass]
public sealed class EarlyStoppingPropertyTests
{
    private const int SequenceCount = 1500;

    [TestMethod]
    public void BestIsTheFirstBestFiniteMonitoredValueWhenMinDeltaIsZero()
    {
        var random = new Random(1001);
        for (int n = 0; n < SequenceCount; n++)
        {
            EarlyStoppingOptions options = RandomOptions(random, minDelta: false, thresholds: true, baseline: true);
            options.StopOnNonFiniteMetric = false;
            double?[] values = RandomValues(random, nonFinite: true, gaps: true, exact: false);
            bool maximize = options.Metric == EarlyStoppingMetric.ValidationAccuracy;
            var monitor = new EarlyStoppingMonitor(options);

            for (int epoch = 1; epoch <= values.Length && !monitor.ShouldStop; epoch++)
            {
                monitor.Update(epoch, values[epoch - 1]);

                (double Value, int Epoch)? expected = null;
                for (int e = options.StartFromEpoch + 1; e <= epoch; e++)
                {
                    if (values[e - 1] is double v && double.IsFinite(v) &&
                        (expected is null || (maximize ? v > expected.Value.Value : v < expected.Value.Value)))
                    {
                        expected = (v, e);
                    }
                }

                string context = Describe(options, values, epoch);
                Assert.AreEqual(expected?.Value, monitor.BestValue, context);
                Assert.AreEqual(expected?.Epoch, monitor.BestEpoch, context);
            }
        }
    }

    [TestMethod]
    public void NoLaterValueBeatsTheBestByMoreThanMinDeltaAndNoEarlierValueBeatsItAtAll()
    {
        var random = new Random(2002);
        for (int n = 0; n < SequenceCount; n++)
        {
            EarlyStoppingOptions options = RandomOptions(random, minDelta: true, thresholds: false, baseline: true);
            options.StopOnNonFiniteMetric = false;
            double?[] values = RandomValues(random, nonFinite: true, gaps: true, exact: true);
            bool maximize = options.Metric == EarlyStoppingMetric.ValidationAccuracy;
            var monitor = new EarlyStoppingMonitor(options);

            for (int epoch = 1; epoch <= values.Length && !monitor.ShouldStop; epoch++)
            {
                monitor.Update(epoch, values[epoch - 1]);
                if (monitor.BestEpoch is not int bestEpoch)
                {
                    continue;
                }

                double best = monitor.BestValue!.Value;
                double margin = options.MinDeltaMode == MinDeltaMode.Relative ? options.MinDelta * Math.Abs(best) : options.MinDelta;
                string context = Describe(options, values, epoch);
                Assert.AreEqual(values[bestEpoch - 1], best, context);
                Assert.IsGreaterThan(options.StartFromEpoch, bestEpoch, context);
                for (int e = options.StartFromEpoch + 1; e <= epoch; e++)
                {
                    if (values[e - 1] is not double v || !double.IsFinite(v))
                    {
                        continue;
                    }

                    double gain = maximize ? v - best : best - v;
                    if (e < bestEpoch)
                    {
                        Assert.IsLessThanOrEqualTo(0d, gain, $"epoch {e} was better than the best; {context}");
                    }
                    else
                    {
                        Assert.IsLessThanOrEqualTo(margin, gain, $"epoch {e} beat the best by more than MinDelta; {context}");
                    }
                }
            }
        }
    }

    [TestMethod]
    public void PatienceCountsExactlyTheMonitoredEpochsSinceTheBest()
    {
        var random = new Random(3003);
        for (int n = 0; n < SequenceCount; n++)
        {
            EarlyStoppingOptions options = RandomOptions(random, minDelta: true, thresholds: false, baseline: false);
            options.StopOnNonFiniteMetric = false;
            double?[] values = RandomValues(random, nonFinite: true, gaps: true, exact: false);
            var monitor = new EarlyStoppingMonitor(options);

            for (int epoch = 1; epoch <= values.Length && !monitor.ShouldStop; epoch++)
            {
                EarlyStoppingVerdict verdict = monitor.Update(epoch, values[epoch - 1]);

                int since = monitor.BestEpoch ?? options.StartFromEpoch;
                int misses = Enumerable.Range(since + 1, Math.Max(0, epoch - since))
                    .Count(e => e > options.StartFromEpoch && values[e - 1] is not null);
                string context = Describe(options, values, epoch);
                Assert.AreEqual(misses, verdict.EpochsWithoutImprovement, context);
                if (verdict.ShouldStop)
                {
                    Assert.AreEqual(EarlyStoppingReason.PatienceExhausted, verdict.Reason, context);
                    Assert.AreEqual(options.Patience, misses, context);
                }
                else
                {
                    Assert.IsLessThan(options.Patience, misses, context);
                }
            }
        }
    }

    [TestMethod]
    public void BaselineReachedMeansTheBestBeatsTheBaseline()
    {
        var random = new Random(4004);
        for (int n = 0; n < SequenceCount; n++)
        {
            EarlyStoppingOptions options = RandomOptions(random, minDelta: true, thresholds: false, baseline: false);
            options.MinDeltaMode = MinDeltaMode.Absolute;
            options.Baseline = random.Next(0, 256) / 64.0;
            double?[] values = RandomValues(random, nonFinite: false, gaps: true, exact: true);
            bool maximize = options.Metric == EarlyStoppingMetric.ValidationAccuracy;
            ScenarioResult result = EarlyStoppingScenario.Run(options, values);

            foreach (EarlyStoppingVerdict verdict in result.Verdicts)
            {
                bool beats = verdict.BestValue is double best &&
                    (maximize ? best > options.Baseline + options.MinDelta : best < options.Baseline - options.MinDelta);
                Assert.AreEqual(beats, verdict.BaselineReached, Describe(options, values, verdict.Epoch));
            }

            EarlyStoppingReason reason = result.Monitor.StopReason;
            if (reason is EarlyStoppingReason.PatienceExhausted or EarlyStoppingReason.BaselineNotReached)
            {
                Assert.AreEqual(reason == EarlyStoppingReason.PatienceExhausted, result.Monitor.BaselineReached, Describe(options, values, result.Monitor.LastEpoch));
            }
        }
    }

    [TestMethod]
    public void ThresholdsStopAtTheFirstMonitoredEpochThatCrossesThem()
    {
        var random = new Random(5005);
        for (int n = 0; n < SequenceCount; n++)
        {
            EarlyStoppingOptions options = RandomOptions(random, minDelta: true, thresholds: true, baseline: true);
            options.Patience = 1000;
            double?[] values = RandomValues(random, nonFinite: false, gaps: true, exact: false);
            bool maximize = options.Metric == EarlyStoppingMetric.ValidationAccuracy;
            ScenarioResult result = EarlyStoppingScenario.Run(options, values);

            int? firstGoal = FirstEpoch(values, options.StartFromEpoch, v => options.StoppingThreshold is double t && (maximize ? v >= t : v <= t));
            int? firstDivergence = FirstEpoch(values, options.StartFromEpoch, v => options.DivergenceThreshold is double d && (maximize ? v < d : v > d));
            int? expectedStop = (firstGoal, firstDivergence) switch
            {
                (null, null) => null,
                (int g, null) => g,
                (null, int d) => d,
                (int g, int d) => Math.Min(g, d),
            };

            string context = Describe(options, values, result.Monitor.LastEpoch);
            if (expectedStop is null)
            {
                Assert.AreEqual(EarlyStoppingReason.MaxEpochsReached, result.Monitor.StopReason, context);
            }
            else
            {
                EarlyStoppingReason expectedReason = expectedStop == firstGoal
                    ? EarlyStoppingReason.StoppingThresholdReached
                    : EarlyStoppingReason.DivergenceThresholdExceeded;
                Assert.AreEqual(expectedReason, result.Monitor.StopReason, context);
                Assert.AreEqual(expectedStop, result.Monitor.StoppedEpoch, context);
            }
        }
    }

    [TestMethod]
    public void MirroringValuesAndDirectionGivesTheSameDecisions()
    {
        var random = new Random(6006);
        for (int n = 0; n < SequenceCount; n++)
        {
            EarlyStoppingOptions options = RandomOptions(random, minDelta: true, thresholds: true, baseline: true);
            options.StopOnNonFiniteMetric = random.Next(2) == 0;
            double?[] values = RandomValues(random, nonFinite: true, gaps: true, exact: false);

            EarlyStoppingOptions mirrored = options.Clone();
            mirrored.Metric = options.Metric == EarlyStoppingMetric.ValidationLoss
                ? EarlyStoppingMetric.ValidationAccuracy
                : EarlyStoppingMetric.ValidationLoss;
            mirrored.Baseline = -options.Baseline;
            mirrored.StoppingThreshold = -options.StoppingThreshold;
            mirrored.DivergenceThreshold = -options.DivergenceThreshold;
            double?[] mirroredValues = [.. values.Select(v => -v)];

            ScenarioResult original = EarlyStoppingScenario.Run(options, values);
            ScenarioResult flipped = EarlyStoppingScenario.Run(mirrored, mirroredValues);

            string context = Describe(options, values, original.Monitor.LastEpoch);
            Assert.AreEqual(EarlyStoppingScenario.Trace(original.Verdicts), EarlyStoppingScenario.Trace(flipped.Verdicts), context);
            Assert.AreEqual(original.Monitor.StopReason, flipped.Monitor.StopReason, context);
            Assert.AreEqual(original.Monitor.StoppedEpoch, flipped.Monitor.StoppedEpoch, context);
            Assert.AreEqual(original.Monitor.BestEpoch, flipped.Monitor.BestEpoch, context);
            Assert.AreEqual(-original.Monitor.BestValue, flipped.Monitor.BestValue, context);
            Assert.AreEqual(original.Monitor.WeightsEpoch, flipped.Monitor.WeightsEpoch, context);
        }
    }

    [TestMethod]
    public void EpochsWithoutAValueChangeNothing()
    {
        var random = new Random(7007);
        for (int n = 0; n < SequenceCount; n++)
        {
            EarlyStoppingOptions options = RandomOptions(random, minDelta: true, thresholds: true, baseline: true);
            options.StartFromEpoch = 0;
            options.StopOnNonFiniteMetric = random.Next(2) == 0;
            double?[] values = RandomValues(random, nonFinite: true, gaps: false, exact: false);

            var padded = new List<double?>();
            var epochOf = new int[values.Length + 1];
            for (int i = 0; i < values.Length; i++)
            {
                int gaps = random.Next(4) == 0 ? random.Next(1, 4) : 0;
                padded.AddRange(Enumerable.Repeat<double?>(null, gaps));
                padded.Add(values[i]);
                epochOf[i + 1] = padded.Count;
            }

            ScenarioResult dense = EarlyStoppingScenario.Run(options, values);
            ScenarioResult sparse = EarlyStoppingScenario.Run(options, padded);

            string context = Describe(options, values, dense.Monitor.LastEpoch);
            Assert.AreEqual(
                EarlyStoppingScenario.Trace(dense.Verdicts),
                EarlyStoppingScenario.Trace(sparse.Verdicts.Where(v => v.Value is not null)),
                context);
            Assert.AreEqual(dense.Monitor.StopReason, sparse.Monitor.StopReason, context);
            Assert.AreEqual(dense.Monitor.StoppedEpoch is int stopped ? epochOf[stopped] : null, sparse.Monitor.StoppedEpoch, context);
            Assert.AreEqual(dense.Monitor.BestEpoch is int best ? epochOf[best] : null, sparse.Monitor.BestEpoch, context);
            Assert.AreEqual(dense.Monitor.BestValue, sparse.Monitor.BestValue, context);
        }
    }

    [TestMethod]
    public void KeptWeightsAreTheLastSnapshotOrTheLastEpoch()
    {
        var random = new Random(8008);
        for (int n = 0; n < SequenceCount; n++)
        {
            EarlyStoppingOptions options = RandomOptions(random, minDelta: true, thresholds: true, baseline: true);
            options.StopOnNonFiniteMetric = random.Next(2) == 0;
            options.RestoreBestWeights = random.Next(2) == 0;
            double?[] values = RandomValues(random, nonFinite: true, gaps: true, exact: false);

            ScenarioResult result = EarlyStoppingScenario.Run(options, values);

            int? lastSnapshot = result.Verdicts.LastOrDefault(v => v.ShouldSnapshotWeights)?.Epoch;
            EarlyStoppingMonitor monitor = result.Monitor;
            string context = Describe(options, values, monitor.LastEpoch);
            Assert.AreEqual(monitor.StoppedEpoch, monitor.LastEpoch, context);
            Assert.IsTrue(monitor.BestValue is null || double.IsFinite(monitor.BestValue.Value), context);
            if (options.RestoreBestWeights)
            {
                Assert.AreEqual(monitor.BestEpoch, lastSnapshot, context);
                Assert.AreEqual(monitor.BestEpoch ?? monitor.LastEpoch, monitor.WeightsEpoch, context);
            }
            else
            {
                Assert.IsNull(lastSnapshot, context);
                Assert.AreEqual(monitor.LastEpoch, monitor.WeightsEpoch, context);
            }
        }
    }

    private static int? FirstEpoch(double?[] values, int startFromEpoch, Func<double, bool> crosses)
    {
        for (int e = startFromEpoch + 1; e <= values.Length; e++)
        {
            if (values[e - 1] is double v && crosses(v))
            {
                return e;
            }
        }

        return null;
    }

    private static EarlyStoppingOptions RandomOptions(Random random, bool minDelta, bool thresholds, bool baseline)
    {
        var options = new EarlyStoppingOptions
        {
            Metric = random.Next(2) == 0 ? EarlyStoppingMetric.ValidationLoss : EarlyStoppingMetric.ValidationAccuracy,
            Patience = random.Next(1, 7),
            StartFromEpoch = random.Next(4) == 0 ? random.Next(1, 4) : 0,
        };
        if (minDelta && random.Next(3) != 0)
        {
            options.MinDeltaMode = random.Next(2) == 0 ? MinDeltaMode.Absolute : MinDeltaMode.Relative;
            options.MinDelta = options.MinDeltaMode == MinDeltaMode.Absolute ? random.Next(1, 9) / 64.0 : random.Next(1, 9) / 32.0;
        }

        if (baseline && random.Next(3) == 0)
        {
            options.Baseline = random.Next(0, 256) / 64.0;
        }

        if (thresholds)
        {
            bool maximize = options.Metric == EarlyStoppingMetric.ValidationAccuracy;
            double low = random.Next(0, 128) / 64.0;
            double high = low + random.Next(1, 256) / 64.0;
            if (random.Next(2) == 0)
            {
                options.StoppingThreshold = maximize ? high : low;
            }

            if (random.Next(2) == 0)
            {
                options.DivergenceThreshold = maximize ? low : high;
            }
        }

        return options;
    }

    /// <summary>A random walk with frequent ties; <paramref name="exact"/> keeps values on multiples of 1/64.</summary>
    private static double?[] RandomValues(Random random, bool nonFinite, bool gaps, bool exact)
    {
        var values = new double?[random.Next(1, 41)];
        double level = random.Next(0, 256) / 64.0;
        for (int i = 0; i < values.Length; i++)
        {
            if (gaps && random.Next(7) == 0)
            {
                continue;
            }

            if (nonFinite && random.Next(20) == 0)
            {
                values[i] = random.Next(3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => double.NegativeInfinity };
                continue;
            }

            if (random.Next(4) != 0)
            {
                level += random.Next(-12, 13) / 64.0;
            }

            values[i] = exact ? level : Math.Round(level + (random.NextDouble() * 0.01), 4);
        }

        return values;
    }

    private static string Describe(EarlyStoppingOptions options, double?[] values, int epoch) =>
        $"epoch {epoch}; options: Metric={options.Metric} Patience={options.Patience} MinDelta={options.MinDelta} " +
        $"MinDeltaMode={options.MinDeltaMode} Baseline={options.Baseline} StartFromEpoch={options.StartFromEpoch} " +
        $"StoppingThreshold={options.StoppingThreshold} DivergenceThreshold={options.DivergenceThreshold} " +
        $"StopOnNonFiniteMetric={options.StopOnNonFiniteMetric}; values: " +
        string.Join(' ', values.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "_"));
}
