namespace PluginSync.Engine.Execution;

/// <summary>What a caller may change for one run, over the configuration's own policy.</summary>
public sealed class SyncRunOptions
{
    /// <summary>The run's timeout in seconds, replacing the configuration's; null keeps the configuration's.</summary>
    public int? TimeoutSeconds { get; set; }
}
