using System;
using System.Collections.Generic;

namespace PluginSync.Engine.Audit;

/// <summary>Which audit entries to return, newest first. Every filter given must match.</summary>
public sealed class AuditQuery
{
    /// <summary>Plugin names or wildcard patterns; empty for every entry.</summary>
    public IList<string> Names { get; } = new List<string>();

    /// <summary>Actions to keep; empty for every action.</summary>
    public IList<AuditAction> Actions { get; } = new List<AuditAction>();

    /// <summary>Keep entries made at or after this time.</summary>
    public DateTime? After { get; set; }

    /// <summary>Keep entries made before this time.</summary>
    public DateTime? Before { get; set; }

    /// <summary>Return at most this many entries (the newest), or null for all.</summary>
    public int? Last { get; set; }
}
