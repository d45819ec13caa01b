using SkiaSharp;

namespace CifarDemo.Tests;

/// <summary>Small real image files made on the fly.</summary>
internal static class TestImages
{
    /// <summary>Writes a PNG of the given size with a colour gradient (so it is not one flat colour).</summary>
    public static void WritePng(string path, int width, int height, byte red = 200)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor(red, (byte)(255 * x / Math.Max(1, width - 1)), (byte)(255 * y / Math.Max(1, height - 1))));
        }
        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
