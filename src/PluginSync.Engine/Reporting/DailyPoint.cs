using System;

namespace PluginSync.Engine.Reporting;

/// <summary>One plugin's ended runs on one day.</summary>
public sealed class DailyPoint
{
    /// <summary>The day (a date without a time), in the report's time zone.</summary>
    public DateTime Day { get; internal set; }

    /// <summary>Runs that started that day and Completed.</summary>
    public int Successes { get; internal set; }

    /// <summary>Runs that started that day and ended any other way.</summary>
    public int Failures { get; internal set; }

    /// <summary>The median duration of that day's runs, Abandoned runs left out; null when none is left.</summary>
    public TimeSpan? MedianDuration { get; internal set; }
}
