using System;
using System.Collections.Generic;

namespace PluginSync.Engine.History;

/// <summary>Which plugins and which runs statistics are computed over.</summary>
public sealed class StatisticsQuery
{
    /// <summary>Plugin names or wildcard patterns; empty for every plugin.</summary>
    public IList<string> Names { get; } = new List<string>();

    /// <summary>Count only runs that started at or after this time; null for all history.</summary>
    public DateTime? After { get; set; }
}
