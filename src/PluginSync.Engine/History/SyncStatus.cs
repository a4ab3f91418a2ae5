namespace PluginSync.Engine.History;

/// <summary>The state of a history record.</summary>
public enum SyncStatus
{
    /// <summary>The run has started and has not ended.</summary>
    Running,

    /// <summary>The run ended successfully.</summary>
    Completed,

    /// <summary>The run ended with an error.</summary>
    Failed,

    /// <summary>The run was stopped by the user.</summary>
    Cancelled,

    /// <summary>The run took longer than its timeout.</summary>
    TimedOut,

    /// <summary>The process running the sync ended, or its heartbeat stopped, before it closed the record.</summary>
    Abandoned,
}
