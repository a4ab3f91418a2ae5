using System.Text;

namespace PluginSync.Samples.CsvSync;

/// <summary>
/// The file name a row's key becomes: letters, digits, '-', '_' and '.' are kept, anything else becomes '_', so
/// a key can never name a path outside the destination folder. The same names work on Windows, Linux and macOS.
/// </summary>
internal static class RecordFileName
{
    /// <summary>The longest key accepted, so that file names stay within what every file system allows.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>The extension of the files the plugin writes, and the only files it ever deletes.</summary>
    public const string Extension = ".json";

    /// <summary>The file name for <paramref name="key"/>, or null when the key is empty or too long.</summary>
    public static string? FromKey(string key)
    {
        key = key.Trim();
        if (key.Length == 0 || key.Length > MaxKeyLength)
        {
            return null;
        }

        var name = new StringBuilder(key.Length + Extension.Length);
        foreach (var c in key)
        {
            name.Append((char.IsLetterOrDigit(c) && c < 128) || c is '-' or '_' or '.' ? c : '_');
        }

        // A leading dot would make a hidden file, or "." and "..", which name folders.
        if (name[0] == '.')
        {
            name.Insert(0, '_');
        }

        return name.Append(Extension).ToString();
    }
}
