using SkiaSharp;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Decodes one encoded image in memory into CIFAR's planar red, green, blue bytes, giving the same pixels as
/// ML.NET's LoadImages, ResizeImages (32 x 32, IsoCrop, centre anchor) and ExtractPixels on the same file.
/// One instance per thread: it reuses its buffer.
/// </summary>
/// <remarks>
/// ML.NET decodes with SkiaSharp's <c>SKBitmap.Decode</c>: premultiplied alpha and no colour-space conversion, so a
/// translucent pixel comes out as if drawn on black; the same is done here. Unlike ML.NET, an image that SkiaSharp
/// can decode only partly (truncated) is rejected, as <see cref="ImageFileCheck"/> rejects it for image folders.
/// </remarks>
internal sealed class ArchiveImageDecoder
{
    private const int Side = CifarImageLayout.Side;

    private static readonly SKSamplingOptions MitchellSampling = new(SKCubicResampler.Mitchell);

    private readonly byte[] _rgba = new byte[CifarImageLayout.PixelCount * 4];

    /// <summary>Decodes <paramref name="encoded"/> into <paramref name="planar"/> (3,072 bytes).</summary>
    /// <returns><see langword="null"/> on success; otherwise why the image cannot be used.</returns>
    public string? Decode(ReadOnlySpan<byte> encoded, Span<byte> planar)
    {
        if (encoded.IsEmpty)
        {
            return "the entry is empty";
        }

        using SKData data = SKData.CreateCopy(encoded);
        using SKCodec? codec = SKCodec.Create(data);
        if (codec is null)
        {
            return "it is not a PNG, JPEG or BMP image SkiaSharp can decode (corrupt, truncated or another format)";
        }

        SKImageInfo source = codec.Info;
        if (source.Width <= 0 || source.Height <= 0)
        {
            return $"it has no pixels ({source.Width} x {source.Height})";
        }

        // As SKBitmap.Decode does for ML.NET: unpremultiplied alpha becomes premultiplied, the colour space is dropped.
        SKAlphaType alpha = source.AlphaType == SKAlphaType.Unpremul ? SKAlphaType.Premul : source.AlphaType;
        var info = new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, alpha);
        return source.Width == Side && source.Height == Side
            ? DecodeExactSize(codec, info, planar)
            : DecodeAndResize(codec, info, planar);
    }

    /// <summary>ML.NET's resizer passes a 32 x 32 image through untouched, so its pixels are the decoded ones.</summary>
    private string? DecodeExactSize(SKCodec codec, SKImageInfo info, Span<byte> planar)
    {
        SKCodecResult result = codec.GetPixels(info, _rgba);
        if (result != SKCodecResult.Success)
        {
            return DecodeFailure(result);
        }

        ToPlanar(_rgba, info.RowBytes, redOffset: 0, blueOffset: 2, planar);
        return null;
    }

    private static string? DecodeAndResize(SKCodec codec, SKImageInfo info, Span<byte> planar)
    {
        using var decoded = new SKBitmap();
        if (!decoded.TryAllocPixels(info))
        {
            return $"it is too large to decode ({info.Width} x {info.Height} pixels)";
        }

        SKCodecResult result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            return DecodeFailure(result);
        }

        using SKBitmap resized = ResizeIsoCrop(decoded);
        (int redOffset, int blueOffset) = resized.ColorType switch
        {
            SKColorType.Bgra8888 => (2, 0),
            SKColorType.Rgba8888 => (0, 2),
            _ => throw new InvalidOperationException($"Unexpected platform colour type {resized.ColorType} for a resized image."),
        };
        ToPlanar(resized.GetPixelSpan(), resized.RowBytes, redOffset, blueOffset, planar);
        return null;
    }

    /// <summary>
    /// Scales <paramref name="image"/> to cover 32 x 32 keeping its aspect ratio and crops the centre, with the same
    /// arithmetic (single-precision, truncating casts), canvas and sampling (Mitchell cubic) as ML.NET's
    /// <c>MLImage</c> resizing with <c>IsoCrop</c> and the centre anchor, so both give the same pixels.
    /// </summary>
    private static SKBitmap ResizeIsoCrop(SKBitmap image)
    {
        float widthAspect = (float)Side / image.Width;
        float heightAspect = (float)Side / image.Height;
        int destX = 0;
        int destY = 0;
        float aspect;
        if (heightAspect < widthAspect)
        {
            aspect = widthAspect;
            destY = (int)((Side - (image.Height * aspect)) / 2);
        }
        else
        {
            aspect = heightAspect;
            destX = (int)((Side - (image.Width * aspect)) / 2);
        }

        int destWidth = (int)(image.Width * aspect);
        int destHeight = (int)(image.Height * aspect);

        var resized = new SKBitmap(Side, Side, isOpaque: true);
        // The truncated destination can miss the last row or column (41 x 41 scales to 31 x 31); ML.NET leaves those
        // pixels as allocated, which SkiaSharp zero-fills, so they read as black. Erasing makes that explicit.
        resized.Erase(SKColors.Black);
        using var canvas = new SKCanvas(resized);
        using SKImage source = SKImage.FromBitmap(image);
        canvas.DrawImage(
            source,
            new SKRect(0, 0, image.Width, image.Height),
            new SKRect(destX, destY, destX + destWidth, destY + destHeight),
            MitchellSampling);
        return resized;
    }

    private static void ToPlanar(ReadOnlySpan<byte> pixels, int rowBytes, int redOffset, int blueOffset, Span<byte> planar)
    {
        Span<byte> red = planar[..CifarImageLayout.PixelCount];
        Span<byte> green = planar.Slice(CifarImageLayout.PixelCount, CifarImageLayout.PixelCount);
        Span<byte> blue = planar.Slice(2 * CifarImageLayout.PixelCount, CifarImageLayout.PixelCount);
        for (int y = 0; y < Side; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * rowBytes, Side * 4);
            for (int x = 0; x < Side; x++)
            {
                int at = y * Side + x;
                red[at] = row[x * 4 + redOffset];
                green[at] = row[x * 4 + 1];
                blue[at] = row[x * 4 + blueOffset];
            }
        }
    }

    // SkiaSharp's own decoders accept IncompleteInput and fill the missing rows, which would train on garbage.
    private static string DecodeFailure(SKCodecResult result) =>
        $"decoding it failed ({result}): the image is truncated or corrupt";
}
