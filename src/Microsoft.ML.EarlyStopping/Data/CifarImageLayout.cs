using Microsoft.ML.Data;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>The fixed geometry of a CIFAR image and its binary record.</summary>
internal static class CifarImageLayout
{
    public const int Side = 32;

    public const int Channels = 3;

    public const int PixelCount = Side * Side;

    public const int FeatureLength = Channels * PixelCount;

    /// <summary>One label byte followed by the red, green and blue planes.</summary>
    public const int RecordLength = 1 + FeatureLength;

    /// <summary>
    /// Equal to what ML.NET's ExtractPixels declares for a 32x32 RGB image with planar output, so both readers
    /// feed the same downstream pipeline.
    /// </summary>
    public static VectorDataViewType FeaturesType { get; } = new(NumberDataViewType.Single, Channels, Side, Side);
}
