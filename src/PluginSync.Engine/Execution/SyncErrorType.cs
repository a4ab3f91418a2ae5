namespace PluginSync.Engine.Execution;

/// <summary>
/// Why a run did not succeed. The summary bucket of each value is given by <see cref="SyncSummary"/>.
/// </summary>
public enum SyncErrorType
{
    /// <summary>The run succeeded.</summary>
    None,

    /// <summary>No plugin has the name. Counted as Failed: a configured plugin whose code is missing needs an
    /// operator.</summary>
    NotFound,

    /// <summary>The configuration is missing or disabled. Counted as Skipped.</summary>
    NotEnabled,

    /// <summary>A required credential or setting is missing or invalid. Counted as Failed.</summary>
    NotConfigured,

    /// <summary>The plugin is already running, in this or another process. Counted as Skipped.</summary>
    AlreadyRunning,

    /// <summary>The plugin threw or reported failure, on every attempt. Counted as Failed.</summary>
    ExecutionError,

    /// <summary>The run took longer than its timeout. Counted as Failed.</summary>
    TimedOut,

    /// <summary>The run was stopped by the user (Ctrl+C). Counted as Failed.</summary>
    Cancelled,
}
