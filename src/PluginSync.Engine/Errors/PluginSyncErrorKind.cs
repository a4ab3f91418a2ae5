namespace PluginSync.Engine.Errors;

/// <summary>What kind of failure a <see cref="PluginSyncException"/> reports. The PowerShell layer maps
/// each kind to an error category, so the engine stays free of PowerShell types.</summary>
public enum PluginSyncErrorKind
{
    /// <summary>A value the caller gave is not acceptable.</summary>
    InvalidArgument,

    /// <summary>Something the caller named does not exist.</summary>
    NotFound,

    /// <summary>Stored data cannot be read or trusted.</summary>
    InvalidData,

    /// <summary>The store or a file beside it cannot be opened or written.</summary>
    ResourceUnavailable,

    /// <summary>A secret could not be protected or verified.</summary>
    SecurityError,
}
