using System.Collections.Generic;
using PluginSync.Engine.Secrets;

namespace PluginSync.Engine.Execution;

/// <summary>The context handed to a plugin for one run. Log lines and progress pass through the secret mask.</summary>
internal sealed class SyncContext : ISyncContext
{
    private readonly ISyncEventSink _sink;
    private readonly SecretMasker _masker;

    public SyncContext(
        string pluginName,
        long historyId,
        IReadOnlyDictionary<string, string> credentials,
        IReadOnlyDictionary<string, object?> settings,
        string? previousState,
        ISyncEventSink sink,
        SecretMasker masker)
    {
        PluginName = pluginName;
        HistoryId = historyId;
        Credentials = credentials;
        Settings = settings;
        PreviousState = previousState;
        _sink = sink;
        _masker = masker;
    }

    public string PluginName { get; }

    public long HistoryId { get; }

    public IReadOnlyDictionary<string, string> Credentials { get; }

    public IReadOnlyDictionary<string, object?> Settings { get; }

    public SyncCounters Counters { get; } = new();

    public string? PreviousState { get; }

    /// <summary>Whether the plugin called <see cref="SetState"/> during this run.</summary>
    public bool StateChanged { get; private set; }

    /// <summary>The state the plugin set.</summary>
    public string? NewState { get; private set; }

    public void SetState(string? state)
    {
        NewState = state;
        StateChanged = true;
    }

    public void Log(SyncLogLevel level, string message) =>
        _sink.Log(PluginName, level, _masker.Apply(message) ?? "");

    public void ReportProgress(int percentComplete, string status) =>
        _sink.Progress(PluginName, percentComplete, _masker.Apply(status) ?? "");
}
