using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Plugins.BuiltIn;

namespace PluginSync.Engine.Plugins;

/// <summary>The plugins the engine knows, by name, compared without regard to case.</summary>
public sealed class PluginRegistry
{
    private readonly Dictionary<string, PluginDescriptor> _plugins = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A registry holding the built-in plugins, <c>example</c>, <c>folder</c> and <c>rest</c>.</summary>
    public static PluginRegistry CreateDefault()
    {
        var registry = new PluginRegistry();
        registry.Add(new ExamplePlugin(), PluginKind.BuiltIn, "PluginSync");
        registry.Add(new FolderPlugin(), PluginKind.BuiltIn, "PluginSync");
        registry.Add(new RestPlugin(), PluginKind.BuiltIn, "PluginSync");
        return registry;
    }

    private readonly List<PluginLoadError> _loadErrors = new();

    /// <summary>
    /// A registry of the built-in plugins and every plugin the loaders find in <paramref name="directories"/>.
    /// A file that fails to load, or a plugin whose name is taken already, becomes a load error; the rest load.
    /// Earlier sources win a name: built-ins first, then the directories in order.
    /// </summary>
    public static PluginRegistry Load(IEnumerable<string> directories, IEnumerable<IPluginLoader> loaders)
    {
        var registry = CreateDefault();
        var loaderList = loaders.ToList();
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                registry._loadErrors.Add(new PluginLoadError(directory, "The plugin directory does not exist."));
                continue;
            }

            foreach (var loader in loaderList)
            {
                registry.LoadFrom(directory, loader);
            }
        }

        return registry;
    }

    /// <summary>The plugins that could not be loaded, and why.</summary>
    public IReadOnlyList<PluginLoadError> LoadErrors => _loadErrors;

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

    private void LoadFrom(string directory, IPluginLoader loader)
    {
        IEnumerable<string> candidates;
        try
        {
            // Sorted, so which of two files claiming one name wins does not depend on the file system's order.
            candidates = loader.FindCandidates(directory).OrderBy(c => c, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _loadErrors.Add(new PluginLoadError(directory, $"The plugin directory cannot be read: {e.Message}"));
            return;
        }

        foreach (var source in candidates)
        {
            try
            {
                foreach (var plugin in loader.Load(source))
                {
                    Add(plugin, loader.Kind, source);
                }
            }
            catch (PluginSyncException e)
            {
                _loadErrors.Add(new PluginLoadError(source, e.Message));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A plugin is someone else's code: whatever it throws while loading, the others still load.
                _loadErrors.Add(new PluginLoadError(source, $"The {loader.Kind} plugin cannot be loaded: {e.Message}"));
            }
        }
    }

    /// <summary>Finds a plugin by name, or returns null.</summary>
    public PluginDescriptor? Find(string name) =>
        _plugins.TryGetValue(name, out var descriptor) ? descriptor : null;
}
