namespace PluginSync.Engine.Execution;

/// <summary>The summary bucket a result is counted in.</summary>
public enum SyncBucket
{
    /// <summary>The run succeeded.</summary>
    Successful,

    /// <summary>The run needs an operator's attention.</summary>
    Failed,

    /// <summary>The run was not attempted, by design.</summary>
    Skipped,
}
