using System.Formats.Tar;
using Microsoft.ML.EarlyStopping.Tests.Data.Download;

namespace Microsoft.ML.EarlyStopping.Tests.Data.Archive;

/// <summary>Builds a .tar.gz for the archive tests, entry by entry, in the order the entries are added.</summary>
internal sealed class ArchiveBuilder
{
    private readonly List<Action<TarWriter>> _entries = [];

    public ArchiveBuilder File(string name, byte[] content)
    {
        _entries.Add(writer => TestArchives.WriteFile(writer, name, content));
        return this;
    }

    public ArchiveBuilder Folder(string name) => Entry(TarEntryType.Directory, name);

    /// <summary>An entry without content: a folder, link or special file.</summary>
    public ArchiveBuilder Entry(TarEntryType type, string name, string? linkName = null)
    {
        _entries.Add(writer => writer.WriteEntry(linkName is null
            ? new PaxTarEntry(type, name)
            : new PaxTarEntry(type, name) { LinkName = linkName }));
        return this;
    }

    public byte[] Build() => TestArchives.Build(writer =>
    {
        foreach (Action<TarWriter> entry in _entries)
        {
            entry(writer);
        }
    });

    /// <summary>Writes the archive into <paramref name="temp"/> and returns its full path.</summary>
    public string WriteTo(TempFolder temp, string fileName = "data.tar.gz")
    {
        string path = temp.File(fileName);
        System.IO.File.WriteAllBytes(path, Build());
        return path;
    }
}
