namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Names of the columns that the CIFAR readers produce.</summary>
public static class CifarColumnNames
{
    /// <summary>
    /// The class name of the row as text (<see cref="Microsoft.ML.Data.TextDataViewType"/>).
    /// Map it to a key in label order with <see cref="CifarDataSet.MapLabelToKey"/>.
    /// </summary>
    public const string Label = "Label";

    /// <summary>
    /// The pixels as a vector of <see cref="float"/> with dimensions [3, 32, 32]: planar channel-height-width
    /// (all red values row by row, then green, then blue), values 0 to 255.
    /// </summary>
    public const string Features = "Features";

    /// <summary>The full path of the image file (text); only image-folder data has this column.</summary>
    public const string ImagePath = "ImagePath";
}
