namespace Microsoft.ML.EarlyStopping.Training;

/// <summary>What the border added before a random crop is filled with.</summary>
public enum CropPaddingMode
{
    /// <summary>Zero (black) pixels.</summary>
    Zeros,

    /// <summary>The image mirrored at its edge (without repeating the edge pixel), so crops never show an artificial border.</summary>
    Reflect,
}
