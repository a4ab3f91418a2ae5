namespace PluginSync.Hosting;

/// <summary>One thing a run reported, waiting to be written on the pipeline thread.</summary>
internal sealed class SyncEvent
{
    public SyncEvent(string pluginName, SyncLogLevel? level, string message, int percentComplete)
    {
        PluginName = pluginName;
        Level = level;
        Message = message;
        PercentComplete = percentComplete;
    }

    public string PluginName { get; }

    /// <summary>The log level, or null for a progress event.</summary>
    public SyncLogLevel? Level { get; }

    public string Message { get; }

    public int PercentComplete { get; }
}
