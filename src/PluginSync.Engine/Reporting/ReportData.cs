using System;
using System.Collections.Generic;

namespace PluginSync.Engine.Reporting;

/// <summary>
/// Everything a sync report shows, already counted and with secrets masked: when it was made, which store and
/// which window of time it covers, one row per plugin, a daily series per plugin and the most recent failures.
/// A writer only lays it out; it counts nothing itself.
/// </summary>
public sealed class ReportData
{
    /// <summary>When the report was made (UTC).</summary>
    public DateTime GeneratedAt { get; internal set; }

    /// <summary>The store file the history was read from, or where it would be when there is none.</summary>
    public string StorePath { get; internal set; } = "";

    /// <summary>Whether a store existed. Without one there is no history, and the report says so.</summary>
    public bool StoreExists { get; internal set; }

    /// <summary>The start of the window (UTC): runs that started at or after it are counted.</summary>
    public DateTime WindowStart { get; internal set; }

    /// <summary>The end of the window (UTC): the time the history was read.</summary>
    public DateTime WindowEnd { get; internal set; }

    /// <summary>The time zone that times are shown in and that days are counted in.</summary>
    public TimeZoneInfo TimeZone { get; internal set; } = TimeZoneInfo.Utc;

    /// <summary>The plugin names or patterns the report was limited to; empty for every plugin.</summary>
    public IReadOnlyList<string> Names { get; internal set; } = Array.Empty<string>();

    /// <summary>One row per plugin that has an ended run in the window, ordered by name.</summary>
    public IReadOnlyList<PluginReportRow> Plugins { get; internal set; } = Array.Empty<PluginReportRow>();

    /// <summary>The runs of each plugin per day, in the same order as <see cref="Plugins"/>.</summary>
    public IReadOnlyList<PluginDailySeries> Daily { get; internal set; } = Array.Empty<PluginDailySeries>();

    /// <summary>The most recent failed runs, newest first, with their error messages masked.</summary>
    public IReadOnlyList<ReportFailure> RecentFailures { get; internal set; } = Array.Empty<ReportFailure>();

    /// <summary>How many failed runs the window holds in all; <see cref="RecentFailures"/> may show fewer.</summary>
    public int FailureCount { get; internal set; }
}
