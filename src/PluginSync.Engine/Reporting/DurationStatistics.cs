using System;
using System.Collections.Generic;
using System.Linq;

namespace PluginSync.Engine.Reporting;

/// <summary>The median and the 95th percentile of a set of durations.</summary>
internal static class DurationStatistics
{
    /// <summary>The middle duration, or the mean of the two middle ones; null for no durations.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.OrderBy(d => d).ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        if (sorted.Count % 2 == 1)
        {
            return sorted[middle];
        }

        return TimeSpan.FromTicks((sorted[middle - 1].Ticks + sorted[middle].Ticks) / 2);
    }

    /// <summary>
    /// The 95th percentile by nearest rank: the smallest duration that at least 95% of the durations do not
    /// exceed. It is always one of the measured durations, never an interpolated one; null for no durations.
    /// </summary>
    public static TimeSpan? Percentile95(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.OrderBy(d => d).ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        // Whole numbers, so that 95% of 20 is exactly rank 19 and not a floating-point hair above it.
        var rank = (95 * sorted.Count + 99) / 100;
        return sorted[rank - 1];
    }
}
