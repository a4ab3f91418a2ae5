using System;
using System.Linq;
using System.Text;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>
/// Turns a record key into a file name that is the same on every platform: ASCII letters, digits, '-', '_' and
/// '.' are kept, every other character becomes '_', and ".json" is added.
/// </summary>
internal static class RecordFileName
{
    /// <summary>The longest name kept, before ".json"; most file systems allow 255 bytes in a name.</summary>
    public const int MaxLength = 200;

    private static readonly string[] DeviceNames =
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>The file name for <paramref name="key"/>, or null with the reason when the key cannot name a file.
    /// </summary>
    public static string? From(string key, out string? refusal)
    {
        var name = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            name.Append(IsKept(c) ? c : '_');
        }

        var text = name.ToString();
        refusal = text switch
        {
            "" => "an empty key cannot name a file",
            "." or ".." => $"the key '{key}' would name a folder, not a file",
            _ when text.Length > MaxLength => $"the key is longer than {MaxLength} characters",
            _ => null,
        };
        if (refusal is not null)
        {
            return null;
        }

        // Windows reserves device names whatever follows them; a prefix keeps the same name on every platform.
        var stem = text.Split('.')[0];
        if (DeviceNames.Contains(stem, StringComparer.OrdinalIgnoreCase))
        {
            text = "_" + text;
        }

        return text + ".json";
    }

    private static bool IsKept(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.';
}
