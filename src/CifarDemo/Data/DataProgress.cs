namespace CifarDemo.Data;

/// <summary>One progress report while getting data ready: what is happening and how far it is (null when unknown).</summary>
internal readonly record struct DataProgress(string Activity, double? Fraction);
