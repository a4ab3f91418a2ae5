using PluginSync;

namespace PluginSync.Engine.Execution;

/// <summary>
/// Receives what a run reports while it runs: the engine's own steps and the plugin's log lines and progress.
/// It may be called from any thread; the PowerShell layer queues the events onto the pipeline thread.
/// Messages reaching it have secrets masked already.
/// </summary>
public interface ISyncEventSink
{
    /// <summary>A log line from the engine or the plugin.</summary>
    void Log(string pluginName, SyncLogLevel level, string message);

    /// <summary>Progress of a run; <paramref name="percentComplete"/> is -1 when unknown.</summary>
    void Progress(string pluginName, int percentComplete, string status);
}
