using System;
using System.Collections.Generic;
using System.Linq;
using PluginSync.Engine.Audit;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Configuration;

/// <summary>
/// Creates and changes configurations. Every change is checked against what the plugin declares before
/// anything is written, and is then written as one document, so a refused change leaves the store as it was.
/// </summary>
public sealed class ConfigurationService
{
    /// <summary>The fewest characters a credential value may have.</summary>
    public const int MinimumCredentialLength = 4;

    private readonly SyncStore _store;
    private readonly PluginRegistry _registry;

    public ConfigurationService(SyncStore store, PluginRegistry registry)
    {
        _store = store;
        _registry = registry;
    }

    /// <summary>
    /// Checks a change against what the plugin declares without opening the store: the plugin exists, every
    /// setting and credential name is known, every value has the right type, and the policy is in range. A dry run
    /// (-WhatIf) calls this, so it reports what a real save would refuse.
    /// </summary>
    public static void Check(PluginRegistry registry, string name, ConfigurationUpdate update)
    {
        var plugin = RequirePlugin(registry, name).Plugin;
        MergeSettings(plugin, null, update.Settings);
        foreach (var change in update.Credentials)
        {
            CheckCredential(plugin, change);
        }

        RunPolicy.Default.With(update.TimeoutSeconds, update.MaxAttempts, update.RetryDelaySeconds);
    }

    /// <summary>Creates or changes the configuration of the plugin <paramref name="name"/>.</summary>
    public PluginConfiguration Set(string name, ConfigurationUpdate update) =>
        _store.Transaction(_ => SetInTransaction(name, update));

    /// <summary>Sets the Enabled flag of an existing configuration.</summary>
    public PluginConfiguration SetEnabled(string name, bool enabled) =>
        _store.Transaction(_ => SetEnabledInTransaction(name, enabled));

    /// <summary>Removes a configuration and the plugin's state. Its history stays.</summary>
    public void Remove(string name) => _store.Transaction(_ => RemoveInTransaction(name));

    // Each change reads the configuration and writes it back inside one transaction, so two processes changing
    // one configuration at once cannot lose each other's changes.
    private PluginConfiguration SetInTransaction(string name, ConfigurationUpdate update)
    {
        var plugin = RequirePlugin(_registry, name).Plugin;
        var existing = _store.Configurations.Find(plugin.Name);

        var settings = ApplyDefaults(plugin, MergeSettings(plugin, existing, update.Settings));
        var credentials = MergeCredentials(plugin, existing, update.Credentials);
        var policy = (existing?.Policy ?? RunPolicy.Default)
            .With(update.TimeoutSeconds, update.MaxAttempts, update.RetryDelaySeconds);
        var now = DateTime.UtcNow;

        var configuration = new PluginConfiguration(
            plugin.Name,
            update.Enabled ?? existing?.Enabled ?? false,
            settings,
            credentials,
            existing?.Created ?? now,
            now,
            policy);

        var action = existing is null ? AuditAction.ConfigurationCreated : AuditAction.ConfigurationUpdated;
        var changes = ConfigurationChanges.Between(existing, configuration, update.Credentials.Keys);
        _store.Configurations.Save(configuration, new AuditEntry(action, plugin.Name, null, changes));
        return configuration;
    }

    private PluginConfiguration SetEnabledInTransaction(string name, bool enabled)
    {
        var existing = _store.Configurations.Find(PluginName.Validate(name)) ?? throw NoConfiguration(name);
        var configuration = new PluginConfiguration(
            existing.Name,
            enabled,
            existing.Settings,
            existing.ProtectedCredentials,
            existing.Created,
            DateTime.UtcNow,
            existing.Policy);

        var action = enabled ? AuditAction.PluginEnabled : AuditAction.PluginDisabled;
        var change = new AuditChange("Enabled", existing.Enabled.ToString(), enabled.ToString());
        _store.Configurations.Save(configuration, new AuditEntry(action, existing.Name, null, new[] { change }));
        return configuration;
    }

    private bool RemoveInTransaction(string name)
    {
        var existing = _store.Configurations.Find(PluginName.Validate(name)) ?? throw NoConfiguration(name);
        var changes = ConfigurationChanges.Between(existing, null, Array.Empty<string>());
        var audit = new AuditEntry(AuditAction.ConfigurationRemoved, existing.Name, null, changes);
        if (!_store.Configurations.Remove(name, audit))
        {
            throw NoConfiguration(name);
        }

        return true;
    }

    /// <summary>The settings a run sees: declared defaults, overlaid with the stored values.</summary>
    public static Dictionary<string, object?> EffectiveSettings(ISyncPlugin plugin, PluginConfiguration configuration)
    {
        var effective = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in plugin.Settings)
        {
            var hasValue = configuration.Settings.TryGetValue(setting.Name, out var stored) && stored is not null;
            effective[setting.Name] = hasValue
                ? stored
                : setting.DefaultValue is null
                    ? null
                    : SettingValues.Convert(plugin.Name, setting, setting.DefaultValue);
        }

        return effective;
    }

    /// <summary>
    /// The reasons a configuration cannot run: required credentials without a value, required settings without a
    /// value, and stored values the plugin no longer accepts. Empty when it can run.
    /// </summary>
    public static IReadOnlyList<string> FindProblems(ISyncPlugin plugin, PluginConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var credential in plugin.Credentials.Where(c => c.Required))
        {
            if (!configuration.ProtectedCredentials.ContainsKey(credential.Name))
            {
                problems.Add(
                    $"the required credential '{credential.Name}' has no value; set it with " +
                    $"Set-PluginConfiguration -Name {plugin.Name} -Secret @{{ {credential.Name} = '...' }}");
            }
        }

        foreach (var setting in plugin.Settings)
        {
            configuration.Settings.TryGetValue(setting.Name, out var stored);
            if (stored is null)
            {
                if (setting.Required && setting.DefaultValue is null)
                {
                    problems.Add(
                        $"the required setting '{setting.Name}' has no value; set it with " +
                        $"Set-PluginConfiguration -Name {plugin.Name} -Setting @{{ {setting.Name} = ... }}");
                }

                continue;
            }

            try
            {
                SettingValues.Convert(plugin.Name, setting, stored);
            }
            catch (PluginSyncException e)
            {
                problems.Add(e.Message);
            }
        }

        return problems;
    }

    private static PluginDescriptor RequirePlugin(PluginRegistry registry, string name)
    {
        PluginName.Validate(name);
        return registry.Find(name) ?? throw new PluginSyncException(
            "SyncPluginNotFound",
            PluginSyncErrorKind.NotFound,
            $"There is no plugin named '{name}'. Known plugins: {string.Join(", ", registry.All.Select(p => p.Name))}.",
            name);
    }

    private static Dictionary<string, object?> MergeSettings(
        ISyncPlugin plugin, PluginConfiguration? existing, IDictionary<string, object?> changes)
    {
        var merged = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in existing?.Settings ?? new Dictionary<string, object?>())
        {
            merged[pair.Key] = pair.Value;
        }

        foreach (var change in changes)
        {
            var setting = plugin.Settings.FirstOrDefault(
                s => string.Equals(s.Name, change.Key, StringComparison.OrdinalIgnoreCase))
                ?? throw UnknownName(
                    "setting", change.Key, plugin, plugin.Settings.Select(s => $"{s.Name} ({s.Type})"));

            if (change.Value is null)
            {
                merged.Remove(setting.Name);
                continue;
            }

            merged[setting.Name] = SettingValues.Convert(plugin.Name, setting, change.Value);
        }

        return merged;
    }

    /// <summary>
    /// Stores each declared default that has no value yet, so a configuration shows every value a run will use.
    /// A setting reset with $null takes its default again.
    /// </summary>
    private static Dictionary<string, object?> ApplyDefaults(ISyncPlugin plugin, Dictionary<string, object?> settings)
    {
        foreach (var setting in plugin.Settings)
        {
            var unset = !settings.TryGetValue(setting.Name, out var value) || value is null;
            if (setting.DefaultValue is not null && unset)
            {
                settings[setting.Name] = SettingValues.Convert(plugin.Name, setting, setting.DefaultValue);
            }
        }

        return settings;
    }

    private Dictionary<string, string> MergeCredentials(
        ISyncPlugin plugin, PluginConfiguration? existing, IDictionary<string, string?> changes)
    {
        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in existing?.ProtectedCredentials ?? new Dictionary<string, string>())
        {
            merged[pair.Key] = pair.Value;
        }

        // Every name and value is checked before any is encrypted, so a refused change never creates the key file.
        var checkedChanges = changes.Select(c => (Credential: CheckCredential(plugin, c), c.Value)).ToList();
        foreach (var (credential, value) in checkedChanges)
        {
            if (value is null)
            {
                merged.Remove(credential.Name);
                continue;
            }

            var context = PluginConfiguration.CredentialContext(plugin.Name, credential.Name);
            merged[credential.Name] = _store.Protector.Protect(value, context);
        }

        return merged;
    }

    private static PluginCredential CheckCredential(ISyncPlugin plugin, KeyValuePair<string, string?> change)
    {
        var credential = plugin.Credentials.FirstOrDefault(
            c => string.Equals(c.Name, change.Key, StringComparison.OrdinalIgnoreCase))
            ?? throw UnknownName("credential", change.Key, plugin, plugin.Credentials.Select(c => c.Name));

        if (change.Value is { Length: 0 })
        {
            throw new PluginSyncException(
                "CredentialValueEmpty",
                PluginSyncErrorKind.InvalidArgument,
                $"The credential '{credential.Name}' of plugin '{plugin.Name}' was given an empty value. Give " +
                "a value, or $null to remove the credential.",
                credential.Name);
        }

        // Credential values are masked wherever they appear in text; a blank or very short value would mask
        // ordinary words and letters, and give the value away in doing so. The value itself is never quoted.
        if (change.Value is { } value && (value.Trim().Length == 0 || value.Length < MinimumCredentialLength))
        {
            throw new PluginSyncException(
                "CredentialValueTooShort",
                PluginSyncErrorKind.InvalidArgument,
                $"The credential '{credential.Name}' of plugin '{plugin.Name}' must have at least " +
                $"{MinimumCredentialLength} characters that are not all blank.",
                credential.Name);
        }

        return credential;
    }

    private static PluginSyncException UnknownName(
        string what, string name, ISyncPlugin plugin, IEnumerable<string> accepted)
    {
        var list = string.Join(", ", accepted);
        var known = list.Length == 0 ? $"Plugin '{plugin.Name}' takes no {what}s." : $"Accepted: {list}.";
        return new PluginSyncException(
            what == "setting" ? "SettingNameUnknown" : "CredentialNameUnknown",
            PluginSyncErrorKind.InvalidArgument,
            $"Plugin '{plugin.Name}' has no {what} named '{name}'. {known}",
            name);
    }

    private static PluginSyncException NoConfiguration(string name) => new(
        "ConfigurationNotFound",
        PluginSyncErrorKind.NotFound,
        $"There is no configuration for '{name}'. Create one with Set-PluginConfiguration -Name {name}.",
        name);
}
