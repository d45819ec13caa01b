using System.Globalization;
using System.Reflection;

namespace Microsoft.ML.EarlyStopping.Tests.EarlyStopping;

/// <summary>
/// Reads the compact notation of the table-driven tests and plays a metric sequence through a monitor.
/// Options: space-separated <c>Name=value</c> pairs naming <see cref="EarlyStoppingOptions"/> properties.
/// Values: space-separated numbers, <c>nan</c>, <c>inf</c>, <c>-inf</c>, or <c>_</c> for "no value this epoch".
/// </summary>
internal static class EarlyStoppingScenario
{
    public static EarlyStoppingOptions ParseOptions(string spec)
    {
        var options = new EarlyStoppingOptions();
        foreach (string pair in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', 2);
            if (parts.Length != 2)
            {
                throw new ArgumentException($"Option '{pair}' is not Name=value.", nameof(spec));
            }

            PropertyInfo property = typeof(EarlyStoppingOptions).GetProperty(parts[0])
                ?? throw new ArgumentException($"EarlyStoppingOptions has no property '{parts[0]}'.", nameof(spec));
            Type type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = type.IsEnum
                ? Enum.Parse(type, parts[1])
                : type == typeof(double)
                    ? ParseDouble(parts[1])
                    : Convert.ChangeType(parts[1], type, CultureInfo.InvariantCulture);
            property.SetValue(options, value);
        }

        return options;
    }

    public static double?[] ParseValues(string spec) =>
        [.. spec.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(token => token == "_" ? (double?)null : ParseDouble(token))];

    public static double ParseDouble(string token) => token switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Feeds the values as epochs 1..n, stopping when the monitor says so; a run that is not stopped ends
    /// with <see cref="EarlyStoppingMonitor.Complete(int)"/> at its last epoch, as a trainer would.
    /// </summary>
    public static ScenarioResult Run(EarlyStoppingOptions options, IReadOnlyList<double?> values)
    {
        var monitor = new EarlyStoppingMonitor(options);
        var verdicts = new List<EarlyStoppingVerdict>();
        for (int i = 0; i < values.Count; i++)
        {
            EarlyStoppingVerdict verdict = monitor.Update(i + 1, values[i]);
            verdicts.Add(verdict);
            if (verdict.ShouldStop)
            {
                break;
            }
        }

        if (!monitor.ShouldStop)
        {
            monitor.Complete(values.Count);
        }

        return new ScenarioResult(monitor, verdicts);
    }

    public static ScenarioResult Run(string options, string values) => Run(ParseOptions(options), ParseValues(values));

    /// <summary>
    /// One token per epoch: <c>-</c> not monitored; otherwise a letter and the counter after the epoch:
    /// <c>I</c> improvement that resets patience, <c>i</c> improvement that does not (baseline not beaten),
    /// <c>m</c> miss, <c>n</c> non-finite value.
    /// </summary>
    public static string Trace(IEnumerable<EarlyStoppingVerdict> verdicts) =>
        string.Join(' ', verdicts.Select(Token));

    private static string Token(EarlyStoppingVerdict verdict)
    {
        if (!verdict.IsMonitored)
        {
            return "-";
        }

        char letter = verdict.Value is double v && !double.IsFinite(v) ? 'n'
            : verdict.IsImprovement ? (verdict.ResetsPatience ? 'I' : 'i')
            : 'm';
        return letter + verdict.EpochsWithoutImprovement.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>The monitor after a played sequence and the verdict it gave for every epoch it saw.</summary>
internal sealed record ScenarioResult(EarlyStoppingMonitor Monitor, IReadOnlyList<EarlyStoppingVerdict> Verdicts);
