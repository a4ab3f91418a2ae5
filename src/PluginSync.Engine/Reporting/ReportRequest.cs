using System;
using System.Collections.Generic;

namespace PluginSync.Engine.Reporting;

/// <summary>What a report covers: which plugins, which window of time, and how times are shown.</summary>
public sealed class ReportRequest
{
    /// <summary>How far back a report looks when no start is given.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    /// <summary>How many failed runs the report lists when no other number is given.</summary>
    public const int DefaultFailureLimit = 20;

    /// <summary>Plugin names or wildcard patterns; empty for every plugin.</summary>
    public IList<string> Names { get; } = new List<string>();

    /// <summary>Count runs that started at or after this time; null for <see cref="DefaultWindow"/> back from
    /// <see cref="GeneratedAt"/>. It must be earlier than <see cref="GeneratedAt"/>.</summary>
    public DateTime? After { get; set; }

    /// <summary>When the report is made; the end of its window.</summary>
    public DateTime GeneratedAt { get; set; } = DateTime.UtcNow;

    /// <summary>The time zone that times are shown in and days are counted in.</summary>
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>The store file's path, shown in the report.</summary>
    public string StorePath { get; set; } = "";

    /// <summary>How many of the most recent failed runs the report lists, from 1 up.</summary>
    public int FailureLimit { get; set; } = DefaultFailureLimit;
}
