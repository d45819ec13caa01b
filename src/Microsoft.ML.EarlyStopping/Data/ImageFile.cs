namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>One image of an image folder: its full path and the class folder it sits in.</summary>
internal sealed class ImageFile
{
    public string Label { get; set; } = "";

    public string ImagePath { get; set; } = "";
}
