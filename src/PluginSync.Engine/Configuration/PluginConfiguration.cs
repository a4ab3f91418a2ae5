using System;
using System.Collections.Generic;

namespace PluginSync.Engine.Configuration;

/// <summary>A plugin's stored configuration. Credentials are held encrypted and shown by key name only.</summary>
public sealed class PluginConfiguration
{
    internal PluginConfiguration(
        string name,
        bool enabled,
        IReadOnlyDictionary<string, object?> settings,
        IReadOnlyDictionary<string, string> protectedCredentials,
        DateTime created,
        DateTime modified,
        RunPolicy? policy = null)
    {
        Policy = policy ?? RunPolicy.Default;
        Name = name;
        Enabled = enabled;
        Settings = settings;
        ProtectedCredentials = protectedCredentials;
        Created = created;
        Modified = modified;
    }

    /// <summary>The plugin's name.</summary>
    public string Name { get; }

    /// <summary>Whether the plugin runs.</summary>
    public bool Enabled { get; }

    /// <summary>The settings the user set, by name; defaults are not included.</summary>
    public IReadOnlyDictionary<string, object?> Settings { get; }

    /// <summary>The run's timeout and retries.</summary>
    public RunPolicy Policy { get; }

    /// <summary>The names of the credentials that have a value.</summary>
    public IReadOnlyCollection<string> CredentialKeys => (IReadOnlyCollection<string>)ProtectedCredentials.Keys;

    /// <summary>When the configuration was created (UTC).</summary>
    public DateTime Created { get; }

    /// <summary>When the configuration last changed (UTC).</summary>
    public DateTime Modified { get; }

    /// <summary>The encrypted credential values, by key name.</summary>
    internal IReadOnlyDictionary<string, string> ProtectedCredentials { get; }

    /// <summary>The context a credential is encrypted under: it binds the value to its plugin and key.</summary>
    internal static string CredentialContext(string pluginName, string key) =>
        $"{pluginName.ToLowerInvariant()}/{key}";
}
