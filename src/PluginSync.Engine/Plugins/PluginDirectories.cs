using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PluginSync.Engine.Plugins;

/// <summary>Where plugins are looked for: the directories registered in the store, then those in
/// <c>PLUGINSYNC_PLUGIN_PATH</c>, each once.</summary>
public static class PluginDirectories
{
    /// <summary>The environment variable that adds plugin directories, separated as PATH is.</summary>
    public const string PathVariable = "PLUGINSYNC_PLUGIN_PATH";

    /// <summary>The directories named by <c>PLUGINSYNC_PLUGIN_PATH</c>, as absolute paths.</summary>
    public static IReadOnlyList<string> FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(PathVariable) ?? "";
        return value.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim())
            .Where(p => p.Length > 0)
            .Select(Path.GetFullPath)
            .ToList();
    }

    /// <summary>The registered directories followed by the environment's, without repeats.</summary>
    public static IReadOnlyList<string> Combine(IEnumerable<string> registered, IEnumerable<string> fromEnvironment)
    {
        var seen = new HashSet<string>(Path.DirectorySeparatorChar == '\\'
            ? StringComparer.OrdinalIgnoreCase
            : StringComparer.Ordinal);
        return registered.Concat(fromEnvironment)
            .Select(p => Path.GetFullPath(p).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
            .Where(seen.Add)
            .ToList();
    }
}
