using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Microsoft.ML.EarlyStopping.Tests;

/// <summary>
/// Runs test/ModelZipProbe (a console app that references only Microsoft.ML and the ONNX transformer) in a separate
/// process to load a model zip and score rows, proving a saved model needs nothing from this library or TorchSharp.
/// </summary>
internal static class ModelZipProbe
{
    /// <summary>Writes rows in the probe's input format: row count, values per row, then float32 values.</summary>
    public static void WriteRows(string path, IReadOnlyList<float[]> rows)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(rows.Count);
        writer.Write(rows[0].Length);
        foreach (float[] row in rows)
            foreach (float value in row)
                writer.Write(value);
    }

    public static Result Run(string zipPath, string rowsPath)
    {
        string probe = typeof(ModelZipProbe).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ModelZipProbePath").Value!;
        Assert.IsTrue(File.Exists(probe), $"The probe '{probe}' is missing: it is built with the test project (ProjectReference to test/ModelZipProbe).");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(probe);
        start.ArgumentList.Add(zipPath);
        start.ArgumentList.Add(rowsPath);
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(2)), "the probe did not finish within 2 minutes");
        Assert.AreEqual(0, process.ExitCode, $"probe failed: {stderr.Result}");
        return JsonSerializer.Deserialize<Result>(stdout, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new AssertFailedException($"probe printed no result: {stdout}");
    }

    /// <summary>What the probe printed.</summary>
    public sealed class Result
    {
        public string ScoreType { get; set; } = "";
        public string PredictedLabelType { get; set; } = "";
        public string[] ScoreSlotNames { get; set; } = [];
        public string[] PredictedLabelKeyValues { get; set; } = [];
        public float[][] Scores { get; set; } = [];
        public string[] PredictedLabels { get; set; } = [];
        public string[] LoadedAssemblies { get; set; } = [];
    }
}
