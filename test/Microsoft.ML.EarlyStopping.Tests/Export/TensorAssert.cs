namespace Microsoft.ML.EarlyStopping.Tests.Export;

/// <summary>Element-wise comparison of float arrays with an absolute tolerance.</summary>
internal static class TensorAssert
{
    public const float Tolerance = 1e-5f;

    public static void AreClose(float[] expected, float[] actual, float tolerance = Tolerance, string what = "values")
    {
        Assert.HasCount(expected.Length, actual, $"{what}: element count");
        float worst = 0f;
        int worstIndex = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            float diff = Math.Abs(expected[i] - actual[i]);
            if (float.IsNaN(diff) || diff > worst)
            {
                worst = float.IsNaN(diff) ? float.PositiveInfinity : diff;
                worstIndex = i;
            }
        }
        Assert.IsLessThanOrEqualTo(tolerance, worst,
            $"{what}: largest difference {worst} at index {worstIndex} (expected {(worstIndex >= 0 ? expected[worstIndex] : 0)}, got {(worstIndex >= 0 ? actual[worstIndex] : 0)}).");
    }

    /// <summary>Guards tests against comparing two all-zero (or otherwise trivial) results.</summary>
    public static void IsNotTrivial(float[] values, string what = "values")
    {
        Assert.IsTrue(values.Any(v => v != 0f) && values.Distinct().Count() > 1, $"{what}: all elements are equal, so the comparison would prove nothing.");
    }
}
