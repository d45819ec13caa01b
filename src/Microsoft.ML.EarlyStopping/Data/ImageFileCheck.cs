using SkiaSharp;

namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>
/// Decodes an image file completely to prove it is usable. ML.NET's image loader only fails when a cursor
/// reaches a bad file, and its message does not name the file.
/// </summary>
internal sealed class ImageFileCheck
{
    // Reused across files: CIFAR images are all the same size, so decoding allocates nothing per file.
    private byte[] _pixels = [];

    /// <summary>Returns <see langword="null"/> when <paramref name="path"/> decodes fully, else why it does not.</summary>
    public string? FindProblem(string path)
    {
        byte[] encoded;
        try
        {
            encoded = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"it cannot be read ({e.Message})";
        }

        if (encoded.Length == 0)
        {
            return "the file is empty";
        }

        using SKData data = SKData.CreateCopy(encoded);
        using SKCodec? codec = SKCodec.Create(data);
        if (codec is null)
        {
            return "it is not a PNG, JPEG or BMP image SkiaSharp can decode (corrupt, truncated or another format)";
        }

        SKImageInfo info = codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Unpremul);
        if (info.Width <= 0 || info.Height <= 0)
        {
            return $"it has no pixels ({info.Width} x {info.Height})";
        }

        if (_pixels.Length < info.BytesSize)
        {
            _pixels = new byte[info.BytesSize];
        }

        // SkiaSharp's own decoders accept IncompleteInput and fill the missing rows, which would train on garbage.
        SKCodecResult result = codec.GetPixels(info, _pixels);
        return result == SKCodecResult.Success ? null : $"decoding it failed ({result}): the file is truncated or corrupt";
    }
}
