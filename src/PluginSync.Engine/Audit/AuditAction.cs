namespace PluginSync.Engine.Audit;

/// <summary>What kind of change an audit entry records.</summary>
public enum AuditAction
{
    /// <summary>A configuration was created.</summary>
    ConfigurationCreated,

    /// <summary>A configuration's settings, credentials or run policy changed.</summary>
    ConfigurationUpdated,

    /// <summary>A configuration, with its credentials and state, was removed.</summary>
    ConfigurationRemoved,

    /// <summary>A configuration was enabled.</summary>
    PluginEnabled,

    /// <summary>A configuration was disabled.</summary>
    PluginDisabled,

    /// <summary>A plugin directory was registered.</summary>
    PluginDirectoryRegistered,

    /// <summary>A plugin directory was unregistered.</summary>
    PluginDirectoryUnregistered,

    /// <summary>History records were cleared.</summary>
    HistoryCleared,
}
