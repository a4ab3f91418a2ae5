using System;
using System.Collections.Concurrent;
using PluginSync.Engine.Execution;

namespace PluginSync.Hosting;

/// <summary>
/// Collects events from runs on any thread, so the cmdlet can write them from the pipeline thread: PowerShell's
/// streams may only be written from the thread that runs the command.
/// </summary>
internal sealed class QueuedEventSink : ISyncEventSink, IDisposable
{
    private readonly BlockingCollection<SyncEvent> _events = new();

    public void Log(string pluginName, SyncLogLevel level, string message) =>
        TryAdd(new SyncEvent(pluginName, level, message, -1));

    public void Progress(string pluginName, int percentComplete, string status) =>
        TryAdd(new SyncEvent(pluginName, null, status, percentComplete));

    /// <summary>Waits up to <paramref name="timeout"/> for the next event.</summary>
    public bool TryTake(TimeSpan timeout, out SyncEvent? next) => _events.TryTake(out next, timeout);

    public void Dispose() => _events.Dispose();

    private void TryAdd(SyncEvent syncEvent)
    {
        try
        {
            _events.Add(syncEvent);
        }
        catch (ObjectDisposedException)
        {
            // A plugin that ignored cancellation may still log after its command ended; nobody can read it now.
        }
    }
}
