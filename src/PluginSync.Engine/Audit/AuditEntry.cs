using System;
using System.Collections.Generic;

namespace PluginSync.Engine.Audit;

/// <summary>A recorded change: when, by whom, what, to which plugin, and which fields.</summary>
public sealed class AuditEntry
{
    internal AuditEntry(AuditAction action, string? pluginName, string? target, IReadOnlyList<AuditChange> changes)
    {
        Time = DateTime.UtcNow;
        Actor = $"{Environment.UserName}@{Environment.MachineName}";
        Action = action;
        PluginName = pluginName;
        Target = target;
        Changes = changes;
    }

    /// <summary>The entry's id, in the order entries were written.</summary>
    public long Id { get; internal set; }

    /// <summary>When the change was made (UTC).</summary>
    public DateTime Time { get; internal set; }

    /// <summary>Who made it: user@host.</summary>
    public string Actor { get; internal set; }

    /// <summary>What kind of change it was.</summary>
    public AuditAction Action { get; internal set; }

    /// <summary>The plugin the change is about, or null (a plugin directory, history of every plugin).</summary>
    public string? PluginName { get; internal set; }

    /// <summary>What else the change was about: a plugin directory, a history cutoff.</summary>
    public string? Target { get; internal set; }

    /// <summary>The fields that changed, with before and after for everything but credential values.</summary>
    public IReadOnlyList<AuditChange> Changes { get; internal set; }
}
