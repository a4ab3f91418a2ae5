using System;
using System.Collections.Generic;
using System.Linq;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.History;

/// <summary>
/// Per-plugin statistics of history. Whole days come from the daily rollups; a window that starts during a day
/// adds the records of the rest of that day, read exactly. So a year of history costs a few thousand rollups to
/// read, however many runs it holds.
/// </summary>
public sealed class StatisticsRepository
{
    private readonly SyncStore _store;

    internal StatisticsRepository(SyncStore store) => _store = store;

    /// <summary>One entry per plugin that has closed runs matching <paramref name="query"/>, by plugin name.</summary>
    public IReadOnlyList<PluginStatistics> Find(StatisticsQuery query) => _store.Use(db =>
    {
        var patterns = query.Names.Select(n => new NamePattern(n)).ToList();
        bool Matches(string name) => patterns.Count == 0 || patterns.Any(p => p.IsMatch(name));

        var after = query.After is { } given ? StoreDates.Normalize(given) : (DateTime?)null;
        var firstWholeDay = after is { } cutoff
            ? (cutoff == DailyRollup.DayOf(cutoff) ? cutoff : DailyRollup.DayOf(cutoff).AddDays(1))
            : DateTime.MinValue;
        var totals = new Dictionary<string, DailyRollup>();

        // The part of the cutoff's own day first, so the newer whole days name the plugin.
        if (after is { } partial && partial < firstWholeDay)
        {
            foreach (var record in RollupRepository.ClosedRecords(db, partial, firstWholeDay))
            {
                var name = record["PluginName"].AsString;
                if (Matches(name))
                {
                    Total(totals, record[HistoryRepository.PluginKeyField].AsString, name).Add(record);
                }
            }
        }

        var keys = patterns.Count > 0 && patterns.All(p => !p.IsWildcard)
            ? query.Names.Select(PluginName.Key).Distinct().ToList()
            : null;
        foreach (var rollup in RollupRepository.Read(db, keys))
        {
            if (rollup.Day >= firstWholeDay && Matches(rollup.PluginName))
            {
                Total(totals, rollup.PluginKey, rollup.PluginName).Add(rollup);
            }
        }

        return totals.Values
            .Where(t => t.Runs > 0)
            .Select(t => ToStatistics(t, after))
            .OrderBy(s => s.PluginName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    });

    private static DailyRollup Total(Dictionary<string, DailyRollup> totals, string key, string name)
    {
        if (!totals.TryGetValue(key, out var total))
        {
            totals[key] = total = new DailyRollup(key, name, DateTime.MinValue);
        }

        return total;
    }

    private static PluginStatistics ToStatistics(DailyRollup total, DateTime? after) => new()
    {
        PluginName = total.PluginName,
        After = after,
        Runs = total.Runs,
        Successes = total.Successes,
        Failures = total.Failures,
        MedianDuration = total.Durations.Percentile(50),
        P95Duration = total.Durations.Percentile(95),
        LastSuccess = total.LastSuccess,
        LastFailure = total.LastFailure,
        Processed = total.Total("Processed"),
        Created = total.Total("Created"),
        Updated = total.Total("Updated"),
        Deleted = total.Total("Deleted"),
        Failed = total.Total("Failed"),
        Skipped = total.Total("Skipped"),
    };
}
