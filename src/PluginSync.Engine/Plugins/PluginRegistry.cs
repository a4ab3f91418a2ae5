using System;
using System.Collections.Generic;
using System.Linq;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Plugins.BuiltIn;

namespace PluginSync.Engine.Plugins;

/// <summary>The plugins the engine knows, by name, compared without regard to case.</summary>
public sealed class PluginRegistry
{
    private readonly Dictionary<string, PluginDescriptor> _plugins = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry holding the built-in plugins, <c>example</c> and <c>folder</c>.</summary>
    public static PluginRegistry CreateDefault()
    {
        var registry = new PluginRegistry();
        registry.Add(new ExamplePlugin(), PluginKind.BuiltIn, "PluginSync");
        registry.Add(new FolderPlugin(), PluginKind.BuiltIn, "PluginSync");
        return registry;
    }

    /// <summary>Every plugin, ordered by name.</summary>
    public IReadOnlyList<PluginDescriptor> All =>
        _plugins.Values.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Adds a plugin. A name claimed twice is an error that names both sources.</summary>
    public void Add(ISyncPlugin plugin, PluginKind kind, string source)
    {
        if (plugin is null)
        {
            throw new ArgumentNullException(nameof(plugin));
        }

        var name = PluginName.Validate(plugin.Name);
        if (_plugins.TryGetValue(name, out var existing))
        {
            throw new PluginSyncException(
                "PluginNameConflict",
                PluginSyncErrorKind.InvalidData,
                $"The plugin name '{name}' is claimed twice: by {existing.Kind} '{existing.Source}' and by " +
                $"{kind} '{source}'. Rename one of them or remove its plugin directory.",
                name);
        }

        _plugins[name] = new PluginDescriptor(plugin, kind, source);
    }

    /// <summary>Finds a plugin by name, or returns null.</summary>
    public PluginDescriptor? Find(string name) =>
        _plugins.TryGetValue(name, out var descriptor) ? descriptor : null;
}
