using System.Formats.Tar;
using System.IO.Compression;

namespace CifarDemo.Tests;

/// <summary>Builds .tar.gz files from folders for the archive tests.</summary>
internal static class TestArchives
{
    /// <summary>Packs <paramref name="folder"/> into <paramref name="archive"/>; with <paramref name="includeFolder"/>, inside a top folder of its name.</summary>
    public static void Pack(string folder, string archive, bool includeFolder = false)
    {
        using FileStream file = File.Create(archive);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        TarFile.CreateFromDirectory(folder, gzip, includeBaseDirectory: includeFolder);
    }

    /// <summary>Writes an image root with train/ (and test/ when asked): classes cat and dog, <paramref name="perClass"/> small PNGs each.</summary>
    public static string ImageRoot(TempFolder temp, string name, int perClass, bool withTest)
    {
        string root = temp.Folder(name);
        foreach (string split in withTest ? new[] { "train", "test" } : ["train"])
        {
            foreach ((string cls, byte red) in new[] { ("cat", (byte)30), ("dog", (byte)220) })
            {
                for (int i = 0; i < perClass; i++)
                    TestImages.WritePng(Path.Combine(root, split, cls, $"{i:D3}.png"), 32, 32, red);
            }
        }
        return root;
    }
}
