using System;
using System.Collections.Generic;
using System.Linq;

namespace PluginSync.Engine.Execution;

/// <summary>
/// The totals of several runs. Every result lands in exactly one bucket, so Total = Successful + Failed + Skipped:
/// success is Successful; NotEnabled and AlreadyRunning are Skipped; NotFound, NotConfigured, ExecutionError,
/// TimedOut and Cancelled are Failed.
/// </summary>
public sealed class SyncSummary
{
    public SyncSummary(IEnumerable<SyncResult> results)
    {
        Results = results.ToList();
        Successful = Results.Count(r => BucketOf(r.ErrorType) == SyncBucket.Successful);
        Failed = Results.Count(r => BucketOf(r.ErrorType) == SyncBucket.Failed);
        Skipped = Results.Count(r => BucketOf(r.ErrorType) == SyncBucket.Skipped);
        Duration = Results.Count == 0
            ? TimeSpan.Zero
            : Results.Max(r => r.EndTime) - Results.Min(r => r.StartTime);
    }

    /// <summary>How many runs there were.</summary>
    public int Total => Results.Count;

    /// <summary>Runs that succeeded.</summary>
    public int Successful { get; }

    /// <summary>Runs that need an operator.</summary>
    public int Failed { get; }

    /// <summary>Runs that were not attempted, by design.</summary>
    public int Skipped { get; }

    /// <summary>From the first start to the last end.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Every result, in the order the runs ended (with -Name, the order they were asked for).</summary>
    public IReadOnlyList<SyncResult> Results { get; }

    /// <summary>The bucket <paramref name="errorType"/> is counted in.</summary>
    public static SyncBucket BucketOf(SyncErrorType errorType) => errorType switch
    {
        SyncErrorType.None => SyncBucket.Successful,
        SyncErrorType.NotEnabled or SyncErrorType.AlreadyRunning => SyncBucket.Skipped,
        _ => SyncBucket.Failed,
    };
}
