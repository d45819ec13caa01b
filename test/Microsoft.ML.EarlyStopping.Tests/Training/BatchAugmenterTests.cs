using Microsoft.ML.EarlyStopping.Training;
using static TorchSharp.torch;

namespace Microsoft.ML.EarlyStopping.Tests.Training;

[TestClass]
public sealed class BatchAugmenterTests
{
    // One 1×4×4 byte image 1..16, repeated: every crop is a shifted window of its padded version.
    private static Tensor Images(int count) => arange(1, 17, ScalarType.Byte).reshape(1, 1, 4, 4).repeat(count, 1, 1, 1);

    private static byte[,] Plane(Tensor batch, int index)
    {
        byte[] values = batch[index].reshape(-1).data<byte>().ToArray();
        var plane = new byte[4, 4];
        for (int i = 0; i < 16; i++)
            plane[i / 4, i % 4] = values[i];
        return plane;
    }

    /// <summary>The value at (row, column) of the source image padded by mirroring, without repeating the edge.</summary>
    private static byte Reflected(int row, int column)
    {
        static int Mirror(int i) => i < 0 ? -i : i > 3 ? 6 - i : i;
        return (byte)(1 + Mirror(row) * 4 + Mirror(column));
    }

    [TestMethod]
    public void ReflectPaddingFillsCropsWithMirroredPixelsAndKeepsTheByteType()
    {
        var augmenter = new BatchAugmenter(padding: 2, flip: false, seed: 5, CropPaddingMode.Reflect);
        using Tensor images = Images(64);
        using Tensor result = augmenter.Apply(images);

        Assert.AreEqual(ScalarType.Byte, result.dtype);
        var shifts = new HashSet<(int, int)>();
        for (int n = 0; n < 64; n++)
        {
            byte[,] plane = Plane(result, n);
            // Find the shift (dy, dx) in [-2, 2]² that explains the crop; exactly one must.
            var matches = new List<(int, int)>();
            for (int dy = -2; dy <= 2; dy++)
            {
                for (int dx = -2; dx <= 2; dx++)
                {
                    bool all = true;
                    for (int r = 0; r < 4 && all; r++)
                        for (int c = 0; c < 4 && all; c++)
                            all = plane[r, c] == Reflected(r + dy, c + dx);
                    if (all)
                        matches.Add((dy, dx));
                }
            }
            Assert.HasCount(1, matches, $"image {n} must be one reflected shift of the source");
            shifts.Add(matches[0]);
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 4; c++)
                    Assert.AreNotEqual(0, plane[r, c], $"image {n}: reflect padding never shows a zero border");
        }
        Assert.IsGreaterThan(10, shifts.Count, "crops are random: 64 images should show many of the 25 shifts");
    }

    [TestMethod]
    public void ZeroPaddingShowsBlackBordersForShiftedCrops()
    {
        var augmenter = new BatchAugmenter(padding: 2, flip: false, seed: 5, CropPaddingMode.Zeros);
        using Tensor images = Images(64);
        using Tensor result = augmenter.Apply(images);

        long zeros = result.eq(0).sum().item<long>();
        Assert.IsGreaterThan(0L, zeros, "some crops reach into the zero border");
        using Tensor centred = result.eq(images).all(1).all(1).all(1);
        Assert.IsGreaterThan(0L, centred.sum().item<long>(), "the (0, 0) shift returns the image unchanged");
    }
}
