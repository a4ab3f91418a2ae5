using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using PluginSync.Engine.Plugins;

namespace PluginSync.Hosting;

/// <summary>Loads <c>*.plugin.ps1</c> files: reads each one's declaration without running any of its code.</summary>
public sealed class ScriptPluginLoader : IPluginLoader
{
    /// <summary>The ending that makes a script a plugin.</summary>
    public const string Pattern = "*.plugin.ps1";

    private static readonly ConcurrentDictionary<string, (DateTime Written, ScriptPlugin Plugin)> Loaded =
        new(StringComparer.Ordinal);

    /// <inheritdoc />
    public PluginKind Kind => PluginKind.Script;

    /// <inheritdoc />
    public IEnumerable<string> FindCandidates(string directory) => Directory.EnumerateFiles(directory, Pattern);

    /// <inheritdoc />
    public IReadOnlyList<ISyncPlugin> Load(string source)
    {
        var written = File.GetLastWriteTimeUtc(source);
        if (!Loaded.TryGetValue(source, out var cached) || cached.Written != written)
        {
            cached = (written, new ScriptPlugin(source, ScriptPluginManifest.Read(source)));
            Loaded[source] = cached;
        }

        return new ISyncPlugin[] { cached.Plugin };
    }
}
