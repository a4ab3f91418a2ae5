using System;

namespace PluginSync.Engine.Errors;

/// <summary>
/// The one exception type the engine throws for failures a caller can act on. It carries a stable error id,
/// a kind, and the item that failed, so the PowerShell layer can build a complete error record.
/// Its message never holds a secret value.
/// </summary>
public sealed class PluginSyncException : Exception
{
    public PluginSyncException(
        string errorId, PluginSyncErrorKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    /// <summary>A stable PascalCase id: context, then problem (for example <c>StoreFileCorrupt</c>).</summary>
    public string ErrorId { get; }

    /// <summary>What kind of failure this is.</summary>
    public PluginSyncErrorKind Kind { get; }

    /// <summary>The item that failed: a plugin name, a path, a setting name.</summary>
    public object? Target { get; }
}
