using System;
using System.Collections.Generic;

namespace PluginSync.Engine.Reporting;

/// <summary>One plugin's runs, day by day.</summary>
public sealed class PluginDailySeries
{
    /// <summary>The plugin's name.</summary>
    public string PluginName { get; internal set; } = "";

    /// <summary>The days on which the plugin had an ended run, oldest first. Days without runs are left out.</summary>
    public IReadOnlyList<DailyPoint> Days { get; internal set; } = Array.Empty<DailyPoint>();
}
