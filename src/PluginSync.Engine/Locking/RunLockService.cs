using System;
using System.Collections.Generic;
using System.Linq;
using LiteDB;
using PluginSync.Engine.History;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Locking;

/// <summary>
/// One run lock per plugin, kept in the store so every process that uses the store sees it. Taking the lock and
/// opening the Running history record happen in one transaction, and so do closing the record and freeing the
/// lock: a lock never exists without its record. A lock whose run has gone stale — its process ended, or its
/// heartbeat stopped — is freed and its record closed as Abandoned.
/// </summary>
public sealed class RunLockService
{
    private readonly SyncStore _store;
    private readonly EngineOptions _options;

    public RunLockService(SyncStore store, EngineOptions options)
    {
        _store = store;
        _options = options;
    }

    /// <summary>
    /// Takes the lock of <paramref name="pluginName"/> and opens its Running record. Returns null and the record
    /// that holds the lock when another run is under way. The start time is read once the lock is held, so no
    /// two records of one plugin can overlap in time.
    /// </summary>
    public (RunLease? Lease, HistoryRecord? Holder, HistoryRecord? Abandoned) TryStart(string pluginName)
    {
        var owner = ProcessIdentity.Current;
        return _store.Transaction(db =>
        {
            var startTime = StoreDates.TruncateToStorePrecision(DateTime.UtcNow);
            HistoryRecord? abandoned = null;
            var locks = Locks(db);
            var history = HistoryRepository.Collection(db);
            var key = PluginName.Key(pluginName);

            var existing = locks.FindById(key);
            if (existing is not null)
            {
                var holder = history.FindById(existing["HistoryId"]);
                if (holder is not null && !IsStale(holder, startTime))
                {
                    return ((RunLease?)null, HistoryRepository.FromDocument(holder), (HistoryRecord?)null);
                }

                if (holder is not null)
                {
                    Abandon(db, holder, startTime);
                    abandoned = HistoryRepository.FromDocument(holder);
                }

                locks.Delete(key);
            }

            var id = history.Insert(HistoryRepository.NewRunning(pluginName, startTime, owner)).AsInt64;
            locks.Insert(new BsonDocument
            {
                ["_id"] = key,
                ["HistoryId"] = id,
                ["Acquired"] = StoreDates.Normalize(startTime),
            });
            return (new RunLease(pluginName, id, startTime), (HistoryRecord?)null, abandoned);
        });
    }

    /// <summary>Starts refreshing the heartbeat of <paramref name="lease"/>'s record while the run lasts.</summary>
    public void KeepAlive(RunLease lease) => lease.StartHeartbeat(_options.HeartbeatInterval, () => Beat(lease));

    /// <summary>Writes the number of the attempt that is starting onto the lease's record.</summary>
    public void RecordAttempt(RunLease lease, int attempt) => _store.Use(db =>
    {
        var history = HistoryRepository.Collection(db);
        var document = history.FindById(lease.HistoryId);
        if (document is null)
        {
            return false;
        }

        document["Attempts"] = attempt;
        return history.Update(document);
    });

    /// <summary>
    /// Closes the lease's record and frees its lock, in one transaction. Returns false, and changes nothing, when
    /// the record was closed already (another process judged the run abandoned): that verdict stands, so the
    /// history never shows two runs of one plugin at the same time as both completed.
    /// </summary>
    public bool Finish(
        RunLease lease, SyncStatus status, DateTime endTime, SyncCounters counters, string? error, int attempts)
    {
        lease.Dispose();
        return _store.Transaction(db =>
        {
            var history = HistoryRepository.Collection(db);
            var document = history.FindById(lease.HistoryId)
                ?? throw new InvalidOperationException($"History record {lease.HistoryId} does not exist.");
            if (document[HistoryRepository.StatusField].AsString != nameof(SyncStatus.Running))
            {
                return false;
            }

            var previous = document[HistoryRepository.StatusField].AsString;
            HistoryRepository.MarkEnded(document, status, endTime, counters, error, attempts);
            history.Update(document);
            RollupRepository.RecordClosed(db, document, previous);
            ReleaseIfHeld(db, lease.PluginName, lease.HistoryId);
            return true;
        });
    }

    /// <summary>
    /// Closes every Running record whose run has gone stale as Abandoned and frees its lock. Returns the closed
    /// records. A record is stale when its process, on this host, has ended, or when its heartbeat is older than
    /// <see cref="EngineOptions.StaleAfter"/>.
    /// </summary>
    public IReadOnlyList<HistoryRecord> RecoverStaleRuns()
    {
        var running = _store.Use(db => HistoryRepository.Collection(db)
            .Find(Query.EQ(HistoryRepository.StatusField, SyncStatus.Running.ToString())).ToList());
        var now = DateTime.UtcNow;
        var stale = running.Where(d => IsStale(d, now)).Select(d => d["_id"].AsInt64).ToList();
        if (stale.Count == 0)
        {
            return Array.Empty<HistoryRecord>();
        }

        return _store.Transaction(db =>
        {
            var history = HistoryRepository.Collection(db);
            var recovered = new List<HistoryRecord>();
            foreach (var id in stale)
            {
                // Read again inside the transaction: another process may have closed or recovered it meanwhile.
                var document = history.FindById(id);
                if (document is null || document[HistoryRepository.StatusField].AsString != nameof(SyncStatus.Running))
                {
                    continue;
                }

                Abandon(db, document, DateTime.UtcNow);
                ReleaseIfHeld(db, document["PluginName"].AsString, id);
                recovered.Add(HistoryRepository.FromDocument(document));
            }

            return (IReadOnlyList<HistoryRecord>)recovered;
        });
    }

    private void Beat(RunLease lease)
    {
        try
        {
            _store.Use(db =>
            {
                var history = HistoryRepository.Collection(db);
                var document = history.FindById(lease.HistoryId);
                if (document is null || document[HistoryRepository.StatusField].AsString != nameof(SyncStatus.Running))
                {
                    return false;
                }

                document[HistoryRepository.HeartbeatField] = DateTime.UtcNow;
                return history.Update(document);
            });
        }
        catch (Exception e) when (e is ObjectDisposedException or Errors.PluginSyncException)
        {
            // A missed beat is harmless while the next ones land; the run itself reports store failures.
        }
    }

    private bool IsStale(BsonDocument running, DateTime now)
    {
        // On this host the process itself answers: a live process keeps its run however old its heartbeat
        // (a suspended or overloaded process still owns it), and an ended one loses it at once.
        var owner = HistoryRepository.OwnerOf(running);
        if (owner.IsOnThisHost)
        {
            return owner.IsKnownToHaveEnded();
        }

        var heartbeat = StoreDates.ReadOptional(running[HistoryRepository.HeartbeatField])
            ?? StoreDates.Read(running[HistoryRepository.StartTimeField]);
        return now - heartbeat > _options.StaleAfter;
    }

    private static void Abandon(LiteDatabase db, BsonDocument document, DateTime now)
    {
        var owner = HistoryRepository.OwnerOf(document);
        var message = $"The run was abandoned: {owner} stopped before it closed the run (found at {now:u}).";
        var previous = document[HistoryRepository.StatusField].AsString;
        HistoryRepository.MarkEnded(document, SyncStatus.Abandoned, now, null, message, document["Attempts"].AsInt32);
        HistoryRepository.Collection(db).Update(document);
        RollupRepository.RecordClosed(db, document, previous);
    }

    private static void ReleaseIfHeld(LiteDatabase db, string pluginName, long historyId)
    {
        var locks = Locks(db);
        var key = PluginName.Key(pluginName);
        var held = locks.FindById(key);
        if (held is not null && held["HistoryId"].AsInt64 == historyId)
        {
            locks.Delete(key);
        }
    }

    private static ILiteCollection<BsonDocument> Locks(LiteDatabase db) => db.GetCollection(SyncStore.LockCollection);
}
