namespace PluginSync;

/// <summary>How important a plugin's log line is.</summary>
public enum SyncLogLevel
{
    /// <summary>Internals, for the debug stream.</summary>
    Debug,

    /// <summary>Steps the plugin takes, for the verbose stream.</summary>
    Verbose,

    /// <summary>Something the user must know, for the warning stream.</summary>
    Warning,
}
