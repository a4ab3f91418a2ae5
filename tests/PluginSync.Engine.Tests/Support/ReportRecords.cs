using System;
using PluginSync.Engine.History;

namespace PluginSync.Engine.Tests.Support;

/// <summary>History records made in memory, with chosen times, statuses and counters, for report tests.</summary>
public static class ReportRecords
{
    private static long _nextId = 1;

    /// <summary>An ended run of <paramref name="plugin"/> that started at <paramref name="start"/>.</summary>
    public static HistoryRecord Ended(
        string plugin,
        DateTime start,
        SyncStatus status = SyncStatus.Completed,
        TimeSpan? duration = null,
        string? error = null,
        long processed = 0,
        long created = 0,
        long updated = 0,
        long deleted = 0,
        long failed = 0) => new()
    {
        Id = System.Threading.Interlocked.Increment(ref _nextId),
        PluginName = plugin,
        Status = status,
        StartTime = start,
        EndTime = start + (duration ?? TimeSpan.FromSeconds(1)),
        ErrorMessage = error,
        Processed = processed,
        Created = created,
        Updated = updated,
        Deleted = deleted,
        Failed = failed,
        Attempts = 1,
    };

    /// <summary>A run of <paramref name="plugin"/> that has not ended.</summary>
    public static HistoryRecord Running(string plugin, DateTime start) => new()
    {
        Id = System.Threading.Interlocked.Increment(ref _nextId),
        PluginName = plugin,
        Status = SyncStatus.Running,
        StartTime = start,
        Attempts = 1,
    };
}
