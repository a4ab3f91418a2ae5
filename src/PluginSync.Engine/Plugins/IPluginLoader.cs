using System.Collections.Generic;

namespace PluginSync.Engine.Plugins;

/// <summary>Finds and loads one kind of plugin (assemblies, scripts) in a plugin directory.</summary>
public interface IPluginLoader
{
    /// <summary>The kind of plugin this loader makes.</summary>
    PluginKind Kind { get; }

    /// <summary>The files in <paramref name="directory"/> this loader would load, each one a source.</summary>
    IEnumerable<string> FindCandidates(string directory);

    /// <summary>Loads the plugins in <paramref name="source"/>. Throws with a clear message when it cannot.</summary>
    IReadOnlyList<ISyncPlugin> Load(string source);
}
