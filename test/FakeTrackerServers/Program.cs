// Runs the in-memory MLflow and Neptune fakes of the tests on 127.0.0.1 and prints what they receive, so a demo run can
// be pointed at them. Usage:
//   dotnet run --project test/FakeTrackerServers -- [--mlflow-port 5500] [--neptune-port 5501] [--seconds 600]
// Then, in another shell, export the printed variables and run the demo (or its sync verb). Stops on Enter, end of
// input or after --seconds. Data lives in memory only.
using System.Globalization;
using Microsoft.ML.EarlyStopping.Tests.Tracking.Fakes;

int Option(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

int seconds = Option("--seconds", 600);
await using var mlflow = new FakeMlflowServer(port: Option("--mlflow-port", 5500));
await using var neptune = new FakeNeptuneServer(port: Option("--neptune-port", 5501));
Console.WriteLine("Fake tracking servers on loopback. In the shell that runs the demo:");
Console.WriteLine($"  export MLFLOW_TRACKING_URI={mlflow.BaseUri.ToString().TrimEnd('/')}");
Console.WriteLine("  export MLFLOW_EXPERIMENT_NAME=cifar-demo");
Console.WriteLine($"  export NEPTUNE_API_TOKEN={neptune.ApiToken}");
Console.WriteLine($"  export NEPTUNE_PROJECT={FakeNeptuneServer.ProjectName}");
Console.WriteLine($"Stops on Enter or after {seconds} s.");

using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
_ = Task.Run(() =>
{
    Console.In.ReadLine();
    stop.Cancel();
});
string last = "";
while (!stop.IsCancellationRequested)
{
    string summary = Summary();
    if (summary != last)
        Console.WriteLine(summary);
    last = summary;
    try
    {
        await Task.Delay(1000, stop.Token);
    }
    catch (OperationCanceledException)
    {
    }
}
Console.WriteLine("Final state:");
Console.WriteLine(Summary());

string Summary()
{
    var lines = new List<string>();
    foreach (MlflowRun run in mlflow.Runs)
    {
        IReadOnlyList<MetricPoint> loss = run.Series("validation/loss");
        string points = string.Join(" ", loss.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Step}:{p.Value:F4}")));
        lines.Add($"MLflow  run {run.Id[..8]} '{run.Name}' {run.Status}: {run.Params.Count} params, {run.Metrics.Count} points, validation/loss {points}");
    }
    foreach (NeptuneRun run in neptune.Runs)
    {
        string points = run.Series.TryGetValue("validation/loss", out var loss)
            ? string.Join(" ", loss.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Step}:{p.Value:F4}")))
            : "";
        string state = run.Attributes.TryGetValue("run/end_state", out var end) ? end.ToString() : "running";
        lines.Add($"Neptune run {run.ShortId} ({run.CustomId}) {state}: {run.Series.Count} series, {run.Attributes.Count} attributes, validation/loss {points}");
    }
    return lines.Count == 0 ? "(no runs yet)" : string.Join(Environment.NewLine, lines);
}
