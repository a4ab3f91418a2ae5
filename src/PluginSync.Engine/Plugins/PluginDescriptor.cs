namespace PluginSync.Engine.Plugins;

/// <summary>A plugin in the registry, with where it came from.</summary>
public sealed class PluginDescriptor
{
    public PluginDescriptor(ISyncPlugin plugin, PluginKind kind, string source)
    {
        Plugin = plugin;
        Kind = kind;
        Source = source;
    }

    /// <summary>The plugin itself.</summary>
    public ISyncPlugin Plugin { get; }

    /// <summary>Built-in, assembly or script.</summary>
    public PluginKind Kind { get; }

    /// <summary>Where the plugin was loaded from: the module for built-ins, else a file path.</summary>
    public string Source { get; }

    /// <summary>The plugin's name.</summary>
    public string Name => Plugin.Name;
}
