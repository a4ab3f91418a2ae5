using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Execution;

/// <summary>
/// The checks a run makes before it starts, one result each, without running a sync: the plugin exists, its
/// configuration exists and is enabled, each credential and setting is present and valid; then, when all of
/// those pass, the plugin's own connection check if it has one.
/// </summary>
public sealed class ConfigurationChecker
{
    /// <summary>How long a plugin's own check may take when its configuration sets no timeout.</summary>
    public static readonly TimeSpan DefaultCheckTimeout = TimeSpan.FromSeconds(30);

    private readonly SyncStore? _store;
    private readonly PluginRegistry _registry;

    /// <summary>
    /// A checker over <paramref name="store"/>, or over no store at all (then no configuration exists).
    /// </summary>
    public ConfigurationChecker(SyncStore? store, PluginRegistry registry)
    {
        _store = store;
        _registry = registry;
    }

    /// <summary>Checks the configuration of <paramref name="name"/>.</summary>
    public async Task<IReadOnlyList<PluginCheckResult>> CheckAsync(string name, CancellationToken cancellationToken)
    {
        var results = new List<PluginCheckResult>();
        var descriptor = PluginName.IsValid(name) ? _registry.Find(name) : null;
        results.Add(Result(name, "Plugin found", descriptor is not null, descriptor is null
            ? $"There is no plugin named '{name}'. Known plugins: " +
              $"{string.Join(", ", _registry.All.Select(p => p.Name))}."
            : $"{descriptor.Kind} plugin '{descriptor.Name}' {descriptor.Plugin.Version} from {descriptor.Source}."));
        if (descriptor is null)
        {
            return results;
        }

        var plugin = descriptor.Plugin;
        var configuration = _store?.Configurations.Find(plugin.Name);
        results.Add(Result(plugin.Name, "Configuration exists", configuration is not null, configuration is null
            ? $"Create one with Set-PluginConfiguration -Name {plugin.Name}."
            : $"Last changed {configuration.Modified:u}."));
        if (configuration is null)
        {
            return results;
        }

        results.Add(Result(plugin.Name, "Enabled", configuration.Enabled, configuration.Enabled
            ? "The plugin runs with -All."
            : $"The configuration is disabled; enable it with Enable-SyncPlugin -Name {plugin.Name}."));

        var credentials = CheckCredentials(plugin, configuration, results);
        CheckSettings(plugin, configuration, results);
        if (results.All(r => r.Passed || r.Check == "Enabled") && credentials is not null)
        {
            results.AddRange(await RunPluginCheckAsync(plugin, configuration, credentials, cancellationToken)
                .ConfigureAwait(false));
        }

        return results;
    }

    private Dictionary<string, string>? CheckCredentials(
        ISyncPlugin plugin, PluginConfiguration configuration, List<PluginCheckResult> results)
    {
        var credentials = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var allDecrypted = true;
        foreach (var credential in plugin.Credentials)
        {
            var check = $"Credential '{credential.Name}'";
            if (!configuration.ProtectedCredentials.TryGetValue(credential.Name, out var protectedValue))
            {
                results.Add(Result(plugin.Name, check, !credential.Required, credential.Required
                    ? $"Required, and not set; set it with Set-PluginConfiguration -Name {plugin.Name} " +
                      $"-Secret @{{ {credential.Name} = '...' }}."
                    : "Optional, and not set."));
                continue;
            }

            try
            {
                var context = PluginConfiguration.CredentialContext(plugin.Name, credential.Name);
                credentials[credential.Name] = _store!.Protector.Unprotect(protectedValue, context);
                results.Add(Result(plugin.Name, check, true, "Set, and decrypts with this master key."));
            }
            catch (PluginSyncException e)
            {
                allDecrypted = false;
                results.Add(Result(plugin.Name, check, false, e.Message));
            }
        }

        return allDecrypted ? credentials : null;
    }

    private static void CheckSettings(
        ISyncPlugin plugin, PluginConfiguration configuration, List<PluginCheckResult> results)
    {
        foreach (var setting in plugin.Settings)
        {
            var check = $"Setting '{setting.Name}'";
            configuration.Settings.TryGetValue(setting.Name, out var stored);
            if (stored is null)
            {
                var missing = setting.Required && setting.DefaultValue is null;
                results.Add(Result(plugin.Name, check, !missing, missing
                    ? $"Required, and not set; set it with Set-PluginConfiguration -Name {plugin.Name} " +
                      $"-Setting @{{ {setting.Name} = ... }}."
                    : setting.DefaultValue is null
                        ? "Not set."
                        : $"Not set; the default {setting.DefaultValue} applies."));
                continue;
            }

            try
            {
                var value = SettingValues.Convert(plugin.Name, setting, stored);
                results.Add(Result(plugin.Name, check, true, $"{value}"));
            }
            catch (PluginSyncException e)
            {
                results.Add(Result(plugin.Name, check, false, e.Message));
            }
        }
    }

    private static async Task<IReadOnlyList<PluginCheckResult>> RunPluginCheckAsync(
        ISyncPlugin plugin,
        PluginConfiguration configuration,
        Dictionary<string, string> credentials,
        CancellationToken cancellationToken)
    {
        if (plugin is not ISyncPluginCheck checkable)
        {
            return Array.Empty<PluginCheckResult>();
        }

        var masker = new SecretMasker(credentials.Values);
        var settings = ConfigurationService.EffectiveSettings(plugin, configuration);
        var context = new SyncContext(plugin.Name, 0, credentials, settings, null, NullSyncEventSink.Instance, masker);
        var timeout = configuration.Policy.TimeoutSeconds is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : DefaultCheckTimeout;

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var check = Task.Run(() => checkable.CheckAsync(context, limit.Token));
            var deadline = Task.Delay(timeout + AttemptRunner.StopGrace, cancellationToken);
            if (await Task.WhenAny(check, deadline).ConfigureAwait(false) != check)
            {
                // Limitation: a check that ignores its token keeps running in the background until it returns.
                _ = check.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                cancellationToken.ThrowIfCancellationRequested();
                return new[] { NotFinished(plugin.Name, timeout) };
            }

            var checks = await check.ConfigureAwait(false) ?? Array.Empty<PluginCheckResult>();
            return checks.Select(c => Result(plugin.Name, c.Check, c.Passed, masker.Apply(c.Message) ?? "")).ToList();
        }
        catch (OperationCanceledException) when (
            limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new[] { NotFinished(plugin.Name, timeout) };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new[] { Result(plugin.Name, "Plugin check", false, masker.Apply(e.Message) ?? "") };
        }
    }

    private static PluginCheckResult NotFinished(string plugin, TimeSpan timeout) =>
        Result(plugin, "Plugin check", false, $"The plugin's check did not finish in {timeout.TotalSeconds:0} s.");

    private static PluginCheckResult Result(string plugin, string check, bool passed, string message) =>
        new(check, passed, message) { PluginName = plugin };
}
