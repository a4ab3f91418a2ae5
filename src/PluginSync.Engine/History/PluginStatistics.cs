using System;

namespace PluginSync.Engine.History;

/// <summary>
/// What one plugin's closed runs add up to. Running records are not counted. Successes are Completed runs;
/// failures are Failed, TimedOut, Abandoned and Cancelled runs. Durations come from histograms whose buckets grow
/// by 5%, so they are within 2.5% of the exact figure; Abandoned runs are left out of them.
/// </summary>
public sealed class PluginStatistics
{
    /// <summary>The plugin, spelled as its newest counted run spelled it.</summary>
    public string PluginName { get; internal set; } = "";

    /// <summary>The runs counted start at or after this time (UTC); null when all history is counted.</summary>
    public DateTime? After { get; internal set; }

    /// <summary>Closed runs: successes and failures.</summary>
    public long Runs { get; internal set; }

    /// <summary>Runs that ended Completed.</summary>
    public long Successes { get; internal set; }

    /// <summary>Runs that ended Failed, TimedOut, Abandoned or Cancelled.</summary>
    public long Failures { get; internal set; }

    /// <summary>Successes divided by runs, from 0 to 1.</summary>
    public double SuccessRate => Runs == 0 ? 0 : (double)Successes / Runs;

    /// <summary>The middle duration (the lower middle one for an even count), within 2.5%; null when no run
    /// has a duration.</summary>
    public TimeSpan? MedianDuration { get; internal set; }

    /// <summary>The duration 95% of runs did not exceed, within 2.5%; null when no run has a duration.</summary>
    public TimeSpan? P95Duration { get; internal set; }

    /// <summary>When the newest Completed run started (UTC), or null.</summary>
    public DateTime? LastSuccess { get; internal set; }

    /// <summary>When the newest failed run started (UTC), or null.</summary>
    public DateTime? LastFailure { get; internal set; }

    /// <summary>Records looked at, over all runs.</summary>
    public long Processed { get; internal set; }

    /// <summary>Records created, over all runs.</summary>
    public long Created { get; internal set; }

    /// <summary>Records updated, over all runs.</summary>
    public long Updated { get; internal set; }

    /// <summary>Records deleted, over all runs.</summary>
    public long Deleted { get; internal set; }

    /// <summary>Records that failed, over all runs.</summary>
    public long Failed { get; internal set; }

    /// <summary>Records skipped, over all runs.</summary>
    public long Skipped { get; internal set; }
}
