using System;
using System.Linq;
using PluginSync.Engine.Plugins;

namespace PluginSync.Output;

/// <summary>A plugin as <c>Get-SyncPlugin</c> shows it.</summary>
public sealed class SyncPluginInfo
{
    internal SyncPluginInfo(PluginDescriptor descriptor)
    {
        var plugin = descriptor.Plugin;
        Name = plugin.Name;
        Version = plugin.Version;
        Description = plugin.Description;
        Kind = descriptor.Kind;
        Source = descriptor.Source;
        Credentials = plugin.Credentials.ToArray();
        Settings = plugin.Settings.ToArray();
    }

    /// <summary>The plugin's name.</summary>
    public string Name { get; }

    /// <summary>The plugin's version.</summary>
    public Version Version { get; }

    /// <summary>What the plugin syncs.</summary>
    public string Description { get; }

    /// <summary>Built-in, assembly or script.</summary>
    public PluginKind Kind { get; }

    /// <summary>Where the plugin was loaded from.</summary>
    public string Source { get; }

    /// <summary>The credential keys the plugin reads.</summary>
    public PluginCredential[] Credentials { get; }

    /// <summary>The settings the plugin accepts.</summary>
    public PluginSetting[] Settings { get; }
}
