using System;
using System.Collections.Generic;
using System.Linq;
using LiteDB;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.History;

/// <summary>
/// Per-plugin, per-day rollups of history (see <see cref="DailyRollup"/>), kept so that statistics over a year of
/// runs read a few thousand small documents instead of every record. Every change to a closed record changes its
/// day's rollup in the same transaction — closing a run, abandoning a stale one, clearing history — so rollups and
/// records never disagree.
/// </summary>
internal static class RollupRepository
{
    internal static ILiteCollection<BsonDocument> Collection(LiteDatabase db) =>
        db.GetCollection(SyncStore.RollupCollection);

    /// <summary>
    /// Counts <paramref name="record"/>, just closed, into its day's rollup. A record that was already closed
    /// before (<paramref name="previousStatus"/> is not Running) is counted once only: its day is recomputed.
    /// Called inside the transaction that closed the record.
    /// </summary>
    internal static void RecordClosed(LiteDatabase db, BsonDocument record, string previousStatus)
    {
        var key = record[HistoryRepository.PluginKeyField].AsString;
        var day = DailyRollup.DayOf(StoreDates.Read(record[HistoryRepository.StartTimeField]));
        if (previousStatus != nameof(SyncStatus.Running))
        {
            Recompute(db, new[] { (key, day) });
            return;
        }

        var rollups = Collection(db);
        var stored = rollups.FindById(DailyRollup.Id(key, day));
        var rollup = stored is null
            ? new DailyRollup(key, record["PluginName"].AsString, day)
            : DailyRollup.FromDocument(stored);
        rollup.Add(record);
        rollups.Upsert(rollup.ToDocument());
    }

    /// <summary>
    /// Rebuilds the rollups of <paramref name="days"/> (plugin key and UTC day) from the records that are there
    /// now, and removes those left with no closed run. Called inside the transaction that changed the records.
    /// </summary>
    internal static void Recompute(LiteDatabase db, IEnumerable<(string PluginKey, DateTime Day)> days)
    {
        var rollups = Collection(db);
        foreach (var day in days.Distinct().GroupBy(d => d.Day))
        {
            var fresh = day.ToDictionary(d => d.PluginKey, d => (DailyRollup?)null);
            foreach (var record in ClosedRecords(db, day.Key, day.Key.AddDays(1)))
            {
                var key = record[HistoryRepository.PluginKeyField].AsString;
                if (!fresh.TryGetValue(key, out var rollup))
                {
                    continue;
                }

                rollup ??= fresh[key] = new DailyRollup(key, record["PluginName"].AsString, day.Key);
                rollup.Add(record);
            }

            foreach (var pair in fresh)
            {
                if (pair.Value is null)
                {
                    rollups.Delete(DailyRollup.Id(pair.Key, day.Key));
                }
                else
                {
                    rollups.Upsert(pair.Value.ToDocument());
                }
            }
        }
    }

    /// <summary>
    /// The closed records that started in [<paramref name="from"/>, <paramref name="to"/>), read along the start
    /// time index. A BETWEEN range is used because LiteDB reads one side of a two-sided comparison from the index
    /// and filters the other, which for a day long ago means reading every later record.
    /// </summary>
    internal static IEnumerable<BsonDocument> ClosedRecords(LiteDatabase db, DateTime from, DateTime to)
    {
        var start = StoreDates.Normalize(from);
        var end = StoreDates.Normalize(to);
        if (end <= start)
        {
            return Enumerable.Empty<BsonDocument>();
        }

        // The store keeps milliseconds, so the last millisecond before the end closes the range.
        var range = Query.Between(HistoryRepository.StartTimeField, start, end.AddMilliseconds(-1));
        return HistoryRepository.Collection(db).Find(range).Where(d =>
        {
            var started = StoreDates.Read(d[HistoryRepository.StartTimeField]);
            return started >= start && started < end &&
                d[HistoryRepository.StatusField].AsString != nameof(SyncStatus.Running);
        });
    }

    /// <summary>
    /// Whether the store has closed history but no rollups: a store written before rollups existed. Cheap enough to
    /// ask on every open.
    /// </summary>
    internal static bool AreMissing(LiteDatabase db) =>
        !Collection(db).Query().Limit(1).Exists() &&
        HistoryRepository.Collection(db).Exists(Query.Not(HistoryRepository.StatusField, nameof(SyncStatus.Running)));

    /// <summary>Builds every rollup from every closed record, replacing whatever rollups there were.</summary>
    internal static int RebuildAll(LiteDatabase db)
    {
        var built = new Dictionary<string, DailyRollup>();
        foreach (var record in HistoryRepository.Collection(db).FindAll())
        {
            if (record[HistoryRepository.StatusField].AsString == nameof(SyncStatus.Running))
            {
                continue;
            }

            var key = record[HistoryRepository.PluginKeyField].AsString;
            var day = DailyRollup.DayOf(StoreDates.Read(record[HistoryRepository.StartTimeField]));
            var id = DailyRollup.Id(key, day);
            if (!built.TryGetValue(id, out var rollup))
            {
                built[id] = rollup = new DailyRollup(key, record["PluginName"].AsString, day);
            }

            rollup.Add(record);
        }

        var rollups = Collection(db);
        rollups.DeleteAll();
        return rollups.InsertBulk(built.Values.Select(r => r.ToDocument()));
    }

    /// <summary>The stored rollups of the plugins with keys <paramref name="keys"/>, or of every plugin for
    /// null.</summary>
    internal static IEnumerable<DailyRollup> Read(LiteDatabase db, IReadOnlyCollection<string>? keys)
    {
        var rollups = Collection(db);
        var documents = keys is null
            ? rollups.FindAll()
            : rollups.Find(Query.In(DailyRollup.PluginKeyField, keys.Select(k => new BsonValue(k)).ToArray()));
        return documents.Select(DailyRollup.FromDocument);
    }
}
