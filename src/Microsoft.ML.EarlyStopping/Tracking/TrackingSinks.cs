using Microsoft.ML.EarlyStopping.Tracking.Mlflow;
using Microsoft.ML.EarlyStopping.Tracking.Neptune;
using Microsoft.ML.EarlyStopping.Tracking.Sinks;

namespace Microsoft.ML.EarlyStopping.Tracking;

/// <summary>The usual sets of sinks, configured from the trackers' standard environment variables.</summary>
public static class TrackingSinks
{
    /// <summary>The CSV file of a run folder: <c>&lt;runFolder&gt;/metrics.csv</c>.</summary>
    public static string CsvPath(string runFolder) => Path.Combine(runFolder, "metrics.csv");

    /// <summary>The JSON-lines file of a run folder: <c>&lt;runFolder&gt;/metrics.jsonl</c>.</summary>
    public static string JsonLinesPath(string runFolder) => Path.Combine(runFolder, "metrics.jsonl");

    /// <summary>The TensorBoard log directory of a run folder: <c>&lt;runFolder&gt;/tensorboard</c>.</summary>
    public static string TensorBoardFolder(string runFolder) => Path.Combine(runFolder, "tensorboard");

    /// <summary>
    /// CSV, JSON-lines and TensorBoard files in <paramref name="runFolder"/>, a console line per epoch when
    /// <paramref name="console"/> is true, plus the remote trackers configured in the environment (see <see cref="RemoteFromEnvironment()"/>).
    /// </summary>
    /// <param name="runFolder">The run's folder.</param>
    /// <param name="console">Add a <see cref="ConsoleMetricsSink"/> on standard output.</param>
    public static IReadOnlyList<ITrackingSink> FromEnvironment(string runFolder, bool console = false) =>
        FromEnvironment(runFolder, console, Environment.GetEnvironmentVariable);

    /// <summary>
    /// The remote trackers configured in the environment: MLflow when <c>MLFLOW_TRACKING_URI</c> is an http(s) address
    /// (<see cref="MlflowSinkOptions.FromEnvironment()"/>), Neptune when <c>NEPTUNE_API_TOKEN</c> and <c>NEPTUNE_PROJECT</c>
    /// are set (<see cref="NeptuneSinkOptions.FromEnvironment()"/>). For a sync, <c>NEPTUNE_MODE=offline</c> does not hold Neptune back.
    /// </summary>
    public static IReadOnlyList<ITrackingSink> RemoteFromEnvironment() => Remote(Environment.GetEnvironmentVariable, forSync: true);

    /// <summary>
    /// The sinks a sync of <paramref name="runFolder"/> should feed: the same files as a run (CSV, JSON lines, TensorBoard;
    /// they skip what they already have) and the remote trackers configured in the environment, Neptune also in offline mode.
    /// </summary>
    /// <param name="runFolder">The run's folder.</param>
    public static IReadOnlyList<ITrackingSink> ForSync(string runFolder) => ForSync(runFolder, Environment.GetEnvironmentVariable);

    internal static IReadOnlyList<ITrackingSink> ForSync(string runFolder, Func<string, string?> variable) =>
        [.. Files(runFolder), .. Remote(variable, forSync: true)];

    internal static IReadOnlyList<ITrackingSink> FromEnvironment(string runFolder, bool console, Func<string, string?> variable)
    {
        var sinks = new List<ITrackingSink>(Files(runFolder));
        if (console)
            sinks.Add(new ConsoleMetricsSink());
        sinks.AddRange(Remote(variable, forSync: false));
        return sinks;
    }

    private static IEnumerable<ITrackingSink> Files(string runFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        return [new CsvMetricsSink(CsvPath(runFolder)), new JsonLinesMetricsSink(JsonLinesPath(runFolder)), new TensorBoardSink(TensorBoardFolder(runFolder))];
    }

    internal static IReadOnlyList<ITrackingSink> Remote(Func<string, string?> variable, bool forSync)
    {
        var sinks = new List<ITrackingSink>();
        if (MlflowSinkOptions.FromEnvironment(variable) is MlflowSinkOptions mlflow)
            sinks.Add(new MlflowSink(mlflow));
        if (NeptuneSinkOptions.FromEnvironment(variable, forSync) is NeptuneSinkOptions neptune)
            sinks.Add(new NeptuneSink(neptune));
        return sinks;
    }
}
