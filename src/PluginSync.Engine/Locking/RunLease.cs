using System;
using System.Threading;

namespace PluginSync.Engine.Locking;

/// <summary>
/// A held run lock: the plugin, the history record opened with it, and the timer that keeps its heartbeat fresh
/// while the run lasts.
/// </summary>
public sealed class RunLease : IDisposable
{
    private Timer? _heartbeat;

    internal RunLease(string pluginName, long historyId, DateTime startTime)
    {
        PluginName = pluginName;
        HistoryId = historyId;
        StartTime = startTime;
    }

    /// <summary>The plugin the lock is for.</summary>
    public string PluginName { get; }

    /// <summary>The history record opened with the lock.</summary>
    public long HistoryId { get; }

    /// <summary>When the run started (UTC).</summary>
    public DateTime StartTime { get; }

    /// <summary>Stops the heartbeat.</summary>
    public void Dispose() => Interlocked.Exchange(ref _heartbeat, null)?.Dispose();

    internal void StartHeartbeat(TimeSpan interval, Action beat) =>
        _heartbeat = new Timer(_ => beat(), null, interval, interval);
}
