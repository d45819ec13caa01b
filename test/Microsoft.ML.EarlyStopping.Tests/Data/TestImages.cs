using SkiaSharp;

namespace Microsoft.ML.EarlyStopping.Tests.Data;

/// <summary>Writes small images for tests with SkiaSharp (and BMP by hand, since SkiaSharp does not encode BMP).</summary>
internal static class TestImages
{
    public static void WritePng(string path, int width, int height, Func<int, int, SKColor> colorAt) =>
        File.WriteAllBytes(path, Png(width, height, colorAt));

    public static void WriteJpeg(string path, int width, int height, Func<int, int, SKColor> colorAt) =>
        File.WriteAllBytes(path, Jpeg(width, height, colorAt));

    public static void WriteGrayPng(string path, int width, int height, byte gray) =>
        File.WriteAllBytes(path, GrayPng(width, height, gray));

    public static void WriteBmp(string path, int width, int height, SKColor color) =>
        File.WriteAllBytes(path, Bmp(width, height, color));

    /// <summary>The bytes of a PNG file (lossless; alpha is kept).</summary>
    public static byte[] Png(int width, int height, Func<int, int, SKColor> colorAt) =>
        Encode(width, height, colorAt, SKEncodedImageFormat.Png, quality: 100);

    /// <summary>The bytes of a JPEG file, quality 95.</summary>
    public static byte[] Jpeg(int width, int height, Func<int, int, SKColor> colorAt) =>
        Encode(width, height, colorAt, SKEncodedImageFormat.Jpeg, quality: 95);

    /// <summary>The bytes of a one-channel (grayscale) PNG of one gray level.</summary>
    public static byte[] GrayPng(int width, int height, byte gray)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        bitmap.Erase(new SKColor(gray, gray, gray));
        using SKData data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>An uncompressed 24-bit BMP: 54-byte header, then bottom-up rows of blue, green, red padded to 4 bytes.</summary>
    public static byte[] Bmp(int width, int height, SKColor color)
    {
        int rowLength = (width * 3 + 3) / 4 * 4;
        int size = 54 + rowLength * height;
        var bytes = new byte[size];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BitConverter.GetBytes(size).CopyTo(bytes, 2);
        BitConverter.GetBytes(54).CopyTo(bytes, 10);
        BitConverter.GetBytes(40).CopyTo(bytes, 14);
        BitConverter.GetBytes(width).CopyTo(bytes, 18);
        BitConverter.GetBytes(height).CopyTo(bytes, 22);
        BitConverter.GetBytes((short)1).CopyTo(bytes, 26);
        BitConverter.GetBytes((short)24).CopyTo(bytes, 28);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int at = 54 + y * rowLength + x * 3;
                bytes[at] = color.Blue;
                bytes[at + 1] = color.Green;
                bytes[at + 2] = color.Red;
            }
        }

        return bytes;
    }

    /// <summary>A 32x32 PNG whose planar pixels equal the pixel bytes of <paramref name="record"/>.</summary>
    public static void WritePngOfRecord(string path, byte[] record) =>
        WritePng(path, 32, 32, (x, y) => new SKColor(record[1 + y * 32 + x], record[1 + 1024 + y * 32 + x], record[1 + 2048 + y * 32 + x]));

    private static byte[] Encode(int width, int height, Func<int, int, SKColor> colorAt, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, colorAt(x, y));
            }
        }

        using SKData data = bitmap.Encode(format, quality);
        return data.ToArray();
    }
}
