using System.Collections.Generic;
using System.IO;

namespace PluginSync.Samples.CsvSync;

/// <summary>
/// The plugin's settings, typed. The engine has already checked every value against the plugin's declaration
/// and applied the defaults, so a path is rooted, a boolean is a <see cref="bool"/>, and a delimiter is one of
/// the allowed values.
/// </summary>
internal sealed class CsvSyncOptions
{
    private CsvSyncOptions(string source, string destination, string keyColumn, char delimiter, bool delete)
    {
        Source = source;
        Destination = destination;
        KeyColumn = keyColumn;
        Delimiter = delimiter;
        Delete = delete;
    }

    /// <summary>The CSV file.</summary>
    public string Source { get; }

    /// <summary>The folder that receives one JSON file per row.</summary>
    public string Destination { get; }

    /// <summary>The column whose value names each row's file.</summary>
    public string KeyColumn { get; }

    /// <summary>The character between fields.</summary>
    public char Delimiter { get; }

    /// <summary>Whether JSON files whose row is gone from the CSV are deleted.</summary>
    public bool Delete { get; }

    /// <summary>Reads the options from the settings a run or a check was given.</summary>
    public static CsvSyncOptions From(IReadOnlyDictionary<string, object?> settings) => new(
        Path.GetFullPath((string)settings[CsvSyncPlugin.PathSetting]!),
        Path.GetFullPath((string)settings[CsvSyncPlugin.DestinationSetting]!),
        (string)settings[CsvSyncPlugin.KeyColumnSetting]!,
        ((string)settings[CsvSyncPlugin.DelimiterSetting]!)[0],
        (bool)settings[CsvSyncPlugin.DeleteSetting]!);
}
