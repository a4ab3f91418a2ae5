namespace PluginSync.Engine.Execution;

/// <summary>A sink that drops every event.</summary>
public sealed class NullSyncEventSink : ISyncEventSink
{
    public static NullSyncEventSink Instance { get; } = new();

    public void Log(string pluginName, SyncLogLevel level, string message)
    {
    }

    public void Progress(string pluginName, int percentComplete, string status)
    {
    }
}
