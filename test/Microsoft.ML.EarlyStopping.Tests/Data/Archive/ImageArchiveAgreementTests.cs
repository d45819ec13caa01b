using Microsoft.ML.EarlyStopping.Data;
using SkiaSharp;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Archive;

/// <summary>
/// The same image files, once as a folder through <see cref="CifarData.LoadImageFolder"/> (ML.NET's image transforms)
/// and once in an archive: the pixels must be identical, resizing and alpha included.
/// </summary>
[TestClass]
public sealed class ImageArchiveAgreementTests
{
    private readonly MLContext _mlContext = new(seed: 1);

    [TestMethod]
    [DataRow("jpeg 32x32")]
    [DataRow("png 32x32")]
    [DataRow("gray png 32x32")]
    [DataRow("bmp 8x8, scaled up")]
    [DataRow("png 64x48, scaled down and cropped")]
    [DataRow("jpeg 70x50, scaled down and cropped")]
    [DataRow("png 20x30, scaled up and cropped")]
    [DataRow("png 41x41, scaled to 31x31 leaving a black row and column")]
    [DataRow("translucent png 32x32")]
    [DataRow("translucent png 48x40, scaled")]
    public void PixelsEqualThoseOfLoadImageFolderForTheSameFile(string kind)
    {
        using var temp = new TempFolder();
        (string extension, byte[] image) = Make(kind);
        File.WriteAllBytes(temp.File($"folder/cls/image{extension}"), image);
        string archive = new ArchiveBuilder().File($"cls/image{extension}", image).WriteTo(temp);

        float[] expected = DataViewRows.Read(CifarData.LoadImageFolder(_mlContext, temp.Folder("folder")).Data).Single().Features;
        float[] actual = DataViewRows.Read(CifarData.LoadImageArchive(_mlContext, archive)[""].Data).Single().Features;

        Assert.HasCount(expected.Length, actual);
        float maxDifference = expected.Zip(actual, (left, right) => Math.Abs(left - right)).Max();
        Assert.AreEqual(0f, maxDifference, $"largest pixel difference from ML.NET's transforms for the {kind} image");
    }

    private static (string Extension, byte[] Image) Make(string kind) => kind switch
    {
        "jpeg 32x32" => (".jpg", TestImages.Jpeg(32, 32, Gradient)),
        "png 32x32" => (".png", TestImages.Png(32, 32, Gradient)),
        "gray png 32x32" => (".png", TestImages.GrayPng(32, 32, 201)),
        "bmp 8x8, scaled up" => (".bmp", TestImages.Bmp(8, 8, new SKColor(200, 100, 50))),
        "png 64x48, scaled down and cropped" => (".png", TestImages.Png(64, 48, Gradient)),
        "jpeg 70x50, scaled down and cropped" => (".jpg", TestImages.Jpeg(70, 50, Gradient)),
        "png 20x30, scaled up and cropped" => (".png", TestImages.Png(20, 30, Gradient)),
        "png 41x41, scaled to 31x31 leaving a black row and column" => (".png", TestImages.Png(41, 41, Gradient)),
        "translucent png 32x32" => (".png", TestImages.Png(32, 32, (x, y) => Gradient(x, y).WithAlpha((byte)(x * 8)))),
        "translucent png 48x40, scaled" => (".png", TestImages.Png(48, 40, (x, y) => Gradient(x, y).WithAlpha((byte)(y * 6)))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such test image."),
    };

    private static SKColor Gradient(int x, int y) => new((byte)(x * 5 % 256), (byte)(y * 7 % 256), (byte)((x + y) * 3 % 256));
}
