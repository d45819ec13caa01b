// MSBuild inline task (compiled by RoslynCodeTaskFactory, see TorchSharpNativeFix.targets).
// Sets VER_FLG_WEAK on the ELF symbol-version requirement named VersionName, so the dynamic loader accepts
// a library whose only use of that version is a marker symbol, on systems whose libstdc++ is older.
#nullable enable
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string VersionName { get; set; } = string.Empty;

    public override bool Execute()
    {
        string? provider = FindSystemLibraryProviding(VersionName);
        if (provider != null)
        {
            Log.LogMessage(MessageImportance.Low, $"{provider} provides {VersionName}; TorchSharp's native library needs no patch.");
            return true;
        }

        foreach (ITaskItem item in Files)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                string outcome = Patch(path, VersionName);
                Log.LogMessage(MessageImportance.Normal, $"{path}: {outcome}");
            }
            catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is UnauthorizedAccessException)
            {
                Log.LogError($"Could not mark {VersionName} weak in '{path}': {ex.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private static string? FindSystemLibraryProviding(string versionName)
    {
        string[] candidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
        };
        byte[] needle = Encoding.ASCII.GetBytes(versionName + "\0");
        foreach (string candidate in candidates)
        {
            if (File.Exists(candidate) && IndexOf(File.ReadAllBytes(candidate), needle) >= 0)
            {
                return candidate;
            }
        }
        return null;
    }

    private static string Patch(string path, string versionName)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");

        long sectionTable = checked((long)BitConverter.ToUInt64(elf, 0x28));
        int sectionSize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < sectionCount; i++)
        {
            int header = checked((int)(sectionTable + (long)i * sectionSize));
            if (BitConverter.ToUInt32(elf, header + 4) != ShtGnuVerneed)
                continue;

            int data = checked((int)BitConverter.ToUInt64(elf, header + 24));
            int linkedStrings = (int)BitConverter.ToUInt32(elf, header + 40);
            int needCount = (int)BitConverter.ToUInt32(elf, header + 44);
            int stringsHeader = checked((int)(sectionTable + (long)linkedStrings * sectionSize));
            int strings = checked((int)BitConverter.ToUInt64(elf, stringsHeader + 24));

            int need = data;
            for (int n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    string name = ReadString(elf, strings + (int)BitConverter.ToUInt32(elf, aux + 8));
                    if (name == versionName)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0)
                            return $"{versionName} already weak";
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, aux + 4);
                        WriteReplacing(path, elf);
                        return $"marked {versionName} weak";
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
        }
        return $"no requirement on {versionName}";
    }

    // Writes a new file and renames it over the old one, so a hard link into the NuGet cache is never modified.
    private static void WriteReplacing(string path, byte[] content)
    {
        string temporary = path + ".patching";
        File.WriteAllBytes(temporary, content);
        File.Replace(temporary, path, destinationBackupFileName: null);
    }

    private static string ReadString(byte[] bytes, int offset)
    {
        int end = offset;
        while (end < bytes.Length && bytes[end] != 0)
            end++;
        return Encoding.ASCII.GetString(bytes, offset, end - offset);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i <= haystack.Length - needle.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j])
                j++;
            if (j == needle.Length)
                return i;
        }
        return -1;
    }
}
