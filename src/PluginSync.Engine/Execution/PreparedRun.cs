using System.Collections.Generic;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Secrets;

namespace PluginSync.Engine.Execution;

/// <summary>Everything a run needs once its configuration has been checked: the plugin, its decrypted
/// credentials, its effective settings, its policy and where its events go.</summary>
internal sealed class PreparedRun
{
    public PreparedRun(
        ISyncPlugin plugin,
        IReadOnlyDictionary<string, string> credentials,
        IReadOnlyDictionary<string, object?> settings,
        RunPolicy policy,
        ISyncEventSink sink)
    {
        Plugin = plugin;
        Credentials = credentials;
        Settings = settings;
        Policy = policy;
        Sink = sink;
        Masker = new SecretMasker(credentials.Values);
    }

    public ISyncPlugin Plugin { get; }

    public IReadOnlyDictionary<string, string> Credentials { get; }

    public IReadOnlyDictionary<string, object?> Settings { get; }

    public RunPolicy Policy { get; }

    public ISyncEventSink Sink { get; }

    public SecretMasker Masker { get; }

    /// <summary>A fresh context for one attempt: each attempt starts with zero counters and the saved state.</summary>
    public SyncContext NewContext(long historyId, string? previousState) =>
        new(Plugin.Name, historyId, Credentials, Settings, previousState, Sink, Masker);
}
