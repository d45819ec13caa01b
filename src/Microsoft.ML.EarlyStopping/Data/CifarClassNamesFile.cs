namespace Microsoft.ML.EarlyStopping.Data;

/// <summary>Reads the class names from a <c>batches.meta.txt</c> file: one name a line, in label order.</summary>
internal static class CifarClassNamesFile
{
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The CIFAR class-names file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllLines(path), $"The CIFAR class-names file '{path}'");
    }

    /// <summary>Reads the class names from the lines of a <c>batches.meta.txt</c> file.</summary>
    /// <param name="lines">The file's lines.</param>
    /// <param name="source">What the lines came from, for messages, as the subject of a sentence: "The CIFAR class-names file '...'".</param>
    public static IReadOnlyList<string> Parse(IEnumerable<string> lines, string source)
    {
        // The official file ends with blank lines; blank lines carry no class.
        string[] names = lines
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToArray();
        if (names.Length == 0)
        {
            throw new InvalidDataException($"{source} lists no class names (expected one name a line, in label order).");
        }

        string? duplicate = names.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new InvalidDataException($"{source} lists the class name '{duplicate}' more than once.");
        }

        return Array.AsReadOnly(names);
    }
}
