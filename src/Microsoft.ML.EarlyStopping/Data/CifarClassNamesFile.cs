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

        // The official file ends with blank lines; blank lines carry no class.
        string[] names = File.ReadAllLines(path)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .ToArray();
        if (names.Length == 0)
        {
            throw new InvalidDataException($"The CIFAR class-names file '{path}' lists no class names (expected one name a line, in label order).");
        }

        string? duplicate = names.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1)?.Key;
        if (duplicate is not null)
        {
            throw new InvalidDataException($"The CIFAR class-names file '{path}' lists the class name '{duplicate}' more than once.");
        }

        return Array.AsReadOnly(names);
    }
}
