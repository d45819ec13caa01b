namespace Microsoft.ML.EarlyStopping.Benchmarks;

/// <summary>Peak resident set size of this process (VmHWM from /proc/self/status), which includes libtorch's native memory.</summary>
internal static class PeakMemory
{
    public static double Gigabytes()
    {
        const string path = "/proc/self/status";
        if (File.Exists(path))
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / (1024.0 * 1024.0);
            }
        }
        return Environment.WorkingSet / 1e9;
    }
}
