using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LiteDB;
using PluginSync.Engine.Audit;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.History;

/// <summary>
/// Removes closed history records by a <see cref="HistoryRetentionRule"/>. The removal, the rollups of the days it
/// touched (recomputed from the records that remain) and one audit entry per plugin are written in one
/// transaction: all of it, or none of it. Running records are never removed.
/// </summary>
public sealed class HistoryRetention
{
    // Only what a removal needs is read from each record: a year of history can be a million of them.
    private static readonly BsonExpression RetentionFields = BsonExpression.Create(
        $"{{ _id, {HistoryRepository.PluginKeyField}, {HistoryRepository.StatusField}, " +
        $"{HistoryRepository.StartTimeField} }}");

    private readonly SyncStore _store;

    /// <summary>Retention over the history in <paramref name="store"/>.</summary>
    public HistoryRetention(SyncStore store) => _store = store;

    /// <summary>
    /// How many records <paramref name="rule"/> would remove from each of the plugins <paramref name="names"/>
    /// (every plugin with closed history when empty), without removing any. Read from the daily rollups.
    /// </summary>
    public IReadOnlyList<HistoryRemoval> Plan(HistoryRetentionRule rule, IReadOnlyCollection<string> names) =>
        _store.Use(db =>
        {
            var rollups = RollupRepository.Read(db, Keys(names)).ToList();
            var plan = new List<HistoryRemoval>();
            foreach (var plugin in Plugins(names, rollups))
            {
                var own = rollups.Where(r => r.PluginKey == plugin.Key).ToList();
                var closed = own.Sum(r => r.Runs);
                var removed = rule.Cutoff is { } cutoff
                    ? OlderThan(db, plugin.Key, own, cutoff)
                    : Math.Max(0, closed - rule.KeepLast!.Value);
                plan.Add(new HistoryRemoval
                {
                    PluginName = plugin.Value,
                    Removed = removed,
                    Remaining = closed - removed,
                });
            }

            return (IReadOnlyList<HistoryRemoval>)plan;
        });

    /// <summary>
    /// Removes what <paramref name="rule"/> selects from the plugins <paramref name="names"/> (every plugin with
    /// closed history when empty), recomputes the rollups of the days it touched, and writes a HistoryCleared audit
    /// entry with the rule and the count for each plugin that lost records — all in one transaction.
    /// </summary>
    public IReadOnlyList<HistoryRemoval> Apply(HistoryRetentionRule rule, IReadOnlyCollection<string> names) =>
        _store.Transaction(db =>
        {
            var history = HistoryRepository.Collection(db);
            var plugins = Plugins(names, RollupRepository.Read(db, Keys(names)).ToList());
            var doomed = (rule.Cutoff is { } cutoff
                    ? StartedBefore(db, cutoff, plugins.Keys)
                    : BeyondNewest(db, rule.KeepLast!.Value, plugins.Keys))
                .Select(d => (
                    Id: d["_id"],
                    Key: d[HistoryRepository.PluginKeyField].AsString,
                    Day: DailyRollup.DayOf(StoreDates.Read(d[HistoryRepository.StartTimeField]))))
                .ToList();

            foreach (var record in doomed)
            {
                history.Delete(record.Id);
            }

            RollupRepository.Recompute(db, doomed.Select(d => (d.Key, d.Day)));

            var remaining = RollupRepository.Read(db, plugins.Keys.ToList())
                .GroupBy(r => r.PluginKey)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Runs));
            var removals = new List<HistoryRemoval>();
            foreach (var plugin in plugins)
            {
                var removed = doomed.Count(d => d.Key == plugin.Key);
                removals.Add(new HistoryRemoval
                {
                    PluginName = plugin.Value,
                    Removed = removed,
                    Remaining = remaining.TryGetValue(plugin.Key, out var left) ? left : 0,
                });

                if (removed > 0)
                {
                    AuditRepository.Append(db, Entry(rule, plugin.Value, removed));
                }
            }

            return (IReadOnlyList<HistoryRemoval>)removals;
        });

    private static IReadOnlyCollection<string>? Keys(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? null : names.Select(PluginName.Key).Distinct().ToList();

    // The plugins to clear, by key, with the name their newest rollup spells: the names given (in their order), or
    // every plugin with closed history.
    private static Dictionary<string, string> Plugins(IReadOnlyCollection<string> names, List<DailyRollup> rollups)
    {
        var spelled = rollups
            .GroupBy(r => r.PluginKey)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Day).First().PluginName);
        if (names.Count == 0)
        {
            return spelled.OrderBy(p => p.Value, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(p => p.Key, p => p.Value);
        }

        var plugins = new Dictionary<string, string>();
        foreach (var name in names)
        {
            var key = PluginName.Key(name);
            if (!plugins.ContainsKey(key))
            {
                plugins[key] = spelled.TryGetValue(key, out var stored) ? stored : name;
            }
        }

        return plugins;
    }

    // Whole days before the cutoff's day come from the rollups; the part of its own day before it is counted exactly.
    private static long OlderThan(LiteDatabase db, string key, List<DailyRollup> rollups, DateTime cutoff)
    {
        var day = DailyRollup.DayOf(cutoff);
        var whole = rollups.Where(r => r.Day < day).Sum(r => r.Runs);
        var partial = RollupRepository.ClosedRecords(db, day, cutoff)
            .LongCount(d => d[HistoryRepository.PluginKeyField].AsString == key);
        return whole + partial;
    }

    private static IEnumerable<BsonDocument> StartedBefore(
        LiteDatabase db, DateTime cutoff, ICollection<string> keys) =>
        HistoryRepository.Collection(db).Query()
            .Where(Query.LT(HistoryRepository.StartTimeField, StoreDates.Normalize(cutoff)))
            .Select(RetentionFields)
            .ToEnumerable()
            .Where(d => d[HistoryRepository.StatusField].AsString != nameof(SyncStatus.Running) &&
                        keys.Contains(d[HistoryRepository.PluginKeyField].AsString));

    private static IEnumerable<BsonDocument> BeyondNewest(LiteDatabase db, int keep, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            var closed = HistoryRepository.NewestFirst(db, key).Select(RetentionFields).ToEnumerable()
                .Where(d => d[HistoryRepository.PluginKeyField].AsString == key &&
                            d[HistoryRepository.StatusField].AsString != nameof(SyncStatus.Running));
            foreach (var record in closed.Skip(keep))
            {
                yield return record;
            }
        }
    }

    private static AuditEntry Entry(HistoryRetentionRule rule, string pluginName, long removed)
    {
        var limit = rule.Cutoff is { } cutoff
            ? new AuditChange("Cutoff", null, cutoff.ToString("o", CultureInfo.InvariantCulture))
            : new AuditChange("Keep last", null, rule.KeepLast!.Value.ToString(CultureInfo.InvariantCulture));
        var count = new AuditChange("Records removed", null, removed.ToString(CultureInfo.InvariantCulture));
        return new AuditEntry(AuditAction.HistoryCleared, pluginName, rule.Description, new[] { limit, count });
    }
}
