using System;
using System.Collections.Generic;

namespace PluginSync.Engine.History;

/// <summary>Which history records to return. Every filter given must match; results are newest first.</summary>
public sealed class HistoryQuery
{
    /// <summary>Plugin names or wildcard patterns; empty for every plugin.</summary>
    public IList<string> Names { get; } = new List<string>();

    /// <summary>Statuses to keep; empty for every status.</summary>
    public IList<SyncStatus> Statuses { get; } = new List<SyncStatus>();

    /// <summary>Record ids to keep; empty for every id.</summary>
    public IList<long> Ids { get; } = new List<long>();

    /// <summary>Keep runs that started at or after this time.</summary>
    public DateTime? After { get; set; }

    /// <summary>Keep runs that started before this time.</summary>
    public DateTime? Before { get; set; }

    /// <summary>Return at most this many records (the newest), or null for all.</summary>
    public int? Last { get; set; }
}
