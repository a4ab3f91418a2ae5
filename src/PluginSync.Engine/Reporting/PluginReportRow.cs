using System;

namespace PluginSync.Engine.Reporting;

/// <summary>
/// One plugin's runs in the report's window. Only ended runs count: a run is a success when it Completed and a
/// failure otherwise (Failed, TimedOut, Cancelled or Abandoned), so Runs is always Successes plus Failures.
/// </summary>
public sealed class PluginReportRow
{
    /// <summary>The plugin's name.</summary>
    public string PluginName { get; internal set; } = "";

    /// <summary>Ended runs in the window.</summary>
    public int Runs { get; internal set; }

    /// <summary>Runs that Completed.</summary>
    public int Successes { get; internal set; }

    /// <summary>Runs that ended any other way: Failed, TimedOut, Cancelled or Abandoned.</summary>
    public int Failures { get; internal set; }

    /// <summary>Successes divided by Runs, from 0 to 1; null when there were no runs.</summary>
    public double? SuccessRate { get; internal set; }

    /// <summary>
    /// The median duration of the runs that ended by themselves, or were stopped, or null when there were none.
    /// Abandoned runs are left out: their end time is when the stale run was found, not when it stopped.
    /// </summary>
    public TimeSpan? MedianDuration { get; internal set; }

    /// <summary>The 95th percentile (nearest rank) of the same durations as <see cref="MedianDuration"/>.</summary>
    public TimeSpan? P95Duration { get; internal set; }

    /// <summary>When the newest successful run started (UTC), or null.</summary>
    public DateTime? LastSuccess { get; internal set; }

    /// <summary>When the newest failed run started (UTC), or null.</summary>
    public DateTime? LastFailure { get; internal set; }

    /// <summary>Records looked at, over all runs in the window.</summary>
    public long Processed { get; internal set; }

    /// <summary>Records created, over all runs in the window.</summary>
    public long Created { get; internal set; }

    /// <summary>Records updated, over all runs in the window.</summary>
    public long Updated { get; internal set; }

    /// <summary>Records deleted, over all runs in the window.</summary>
    public long Deleted { get; internal set; }

    /// <summary>Records that failed, over all runs in the window.</summary>
    public long Failed { get; internal set; }
}
