using System.Threading;

namespace PluginSync;

/// <summary>The record counts of one run. Every member is safe to call from several threads.</summary>
public sealed class SyncCounters
{
    private long _processed;
    private long _created;
    private long _updated;
    private long _deleted;
    private long _failed;
    private long _skipped;

    /// <summary>Records looked at.</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Records created in the destination.</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Records updated in the destination.</summary>
    public long Updated => Interlocked.Read(ref _updated);

    /// <summary>Records deleted from the destination.</summary>
    public long Deleted => Interlocked.Read(ref _deleted);

    /// <summary>Records that could not be synced.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Records left alone, for example because they were unchanged.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Adds to <see cref="Processed"/>.</summary>
    public void AddProcessed(long count = 1) => Interlocked.Add(ref _processed, count);

    /// <summary>Adds to <see cref="Created"/>.</summary>
    public void AddCreated(long count = 1) => Interlocked.Add(ref _created, count);

    /// <summary>Adds to <see cref="Updated"/>.</summary>
    public void AddUpdated(long count = 1) => Interlocked.Add(ref _updated, count);

    /// <summary>Adds to <see cref="Deleted"/>.</summary>
    public void AddDeleted(long count = 1) => Interlocked.Add(ref _deleted, count);

    /// <summary>Adds to <see cref="Failed"/>.</summary>
    public void AddFailed(long count = 1) => Interlocked.Add(ref _failed, count);

    /// <summary>Adds to <see cref="Skipped"/>.</summary>
    public void AddSkipped(long count = 1) => Interlocked.Add(ref _skipped, count);
}
