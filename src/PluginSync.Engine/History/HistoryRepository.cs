using System;
using System.Collections.Generic;
using System.Linq;
using LiteDB;
using PluginSync.Engine.Locking;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.History;

/// <summary>Reads history records. Records are opened and closed together with the run lock, by
/// <see cref="RunLockService"/>, so a record and its lock always change in one transaction.</summary>
public sealed class HistoryRepository
{
    internal const string PluginKeyField = "PluginKey";
    internal const string StatusField = "Status";
    internal const string StartTimeField = "StartTime";
    internal const string HeartbeatField = "Heartbeat";

    /// <summary>
    /// The index that lists one plugin's records newest first: the plugin key, a bar, and the record id padded to
    /// 19 digits, so that within one plugin the keys sort as the ids do. LiteDB walks an index in either direction
    /// but sorts in memory whenever the order asked for is not the order of the index it reads, so "the newest 20
    /// records of x" reads 20 index entries here instead of sorting all of x's records.
    /// </summary>
    internal const string NewestIndex = "PluginNewest";

    internal const string NewestExpression = "$.PluginKey + '|' + FORMAT($._id, 'D19')";

    private readonly SyncStore _store;

    internal HistoryRepository(SyncStore store) => _store = store;

    /// <summary>A Running record for a run of <paramref name="pluginName"/> by <paramref name="owner"/>.</summary>
    internal static BsonDocument NewRunning(string pluginName, DateTime startTime, ProcessIdentity owner) => new()
    {
        ["PluginName"] = pluginName,
        [PluginKeyField] = PluginName.Key(pluginName),
        [StatusField] = SyncStatus.Running.ToString(),
        [StartTimeField] = StoreDates.Normalize(startTime),
        ["EndTime"] = BsonValue.Null,
        [HeartbeatField] = StoreDates.Normalize(startTime),
        ["Host"] = owner.Host,
        ["User"] = Environment.UserName,
        ["ProcessId"] = owner.ProcessId,
        ["ProcessStart"] = owner.StartTime is { } started ? new BsonValue(started) : BsonValue.Null,
        ["Attempts"] = 0,
    };

    /// <summary>Marks <paramref name="document"/> as ended.</summary>
    internal static void MarkEnded(
        BsonDocument document, SyncStatus status, DateTime endTime, SyncCounters? counters, string? error, int attempts)
    {
        document[StatusField] = status.ToString();
        document["EndTime"] = StoreDates.Normalize(endTime);
        document["ErrorMessage"] = error is null ? BsonValue.Null : new BsonValue(error);
        document["Attempts"] = attempts;
        if (counters is null)
        {
            return;
        }

        document["Processed"] = counters.Processed;
        document["Created"] = counters.Created;
        document["Updated"] = counters.Updated;
        document["Deleted"] = counters.Deleted;
        document["Failed"] = counters.Failed;
        document["Skipped"] = counters.Skipped;
    }

    /// <summary>The process that wrote the Running record <paramref name="document"/>.</summary>
    internal static ProcessIdentity OwnerOf(BsonDocument document) => new(
        document["Host"].AsString ?? "",
        document["ProcessId"].AsInt32,
        StoreDates.ReadOptional(document["ProcessStart"]));

    internal static ILiteCollection<BsonDocument> Collection(LiteDatabase db) =>
        db.GetCollection(SyncStore.HistoryCollection, BsonAutoId.Int64);

    internal static HistoryRecord FromDocument(BsonDocument d) => new()
    {
        Id = d["_id"].AsInt64,
        PluginName = d["PluginName"].AsString,
        Status = (SyncStatus)Enum.Parse(typeof(SyncStatus), d[StatusField].AsString),
        StartTime = StoreDates.Read(d[StartTimeField]),
        EndTime = StoreDates.ReadOptional(d["EndTime"]),
        Processed = Counter(d, "Processed"),
        Created = Counter(d, "Created"),
        Updated = Counter(d, "Updated"),
        Deleted = Counter(d, "Deleted"),
        Failed = Counter(d, "Failed"),
        Skipped = Counter(d, "Skipped"),
        ErrorMessage = d["ErrorMessage"].IsNull ? null : d["ErrorMessage"].AsString,
        Host = d["Host"].AsString ?? "",
        User = d["User"].AsString ?? "",
        ProcessId = d["ProcessId"].AsInt32,
        Heartbeat = StoreDates.ReadOptional(d[HeartbeatField]),
        Attempts = d["Attempts"].IsNull ? 0 : d["Attempts"].AsInt32,
    };

    /// <summary>The record with id <paramref name="id"/>, or null.</summary>
    public HistoryRecord? Get(long id) => _store.Use(db =>
    {
        var document = Collection(db).FindById(id);
        return document is null ? null : FromDocument(document);
    });

    /// <summary>The records that match <paramref name="query"/>, newest first.</summary>
    public IReadOnlyList<HistoryRecord> Find(HistoryQuery query) => _store.Use(db =>
    {
        var patterns = query.Names.Select(n => new NamePattern(n)).ToList();
        var source = Collection(db).Query();

        var where = BuildFilter(query, patterns);
        if (where is not null)
        {
            source = source.Where(where);
        }

        var wildcards = patterns.Any(p => p.IsWildcard);
        if (patterns.Count > 0 && !wildcards && OnlyNamesAndLast(query))
        {
            return NewestOf(db, query.Names, query.Last);
        }

        if (!wildcards && query.Ids.Count == 0)
        {
            var ordered = source.OrderByDescending("_id");
            var limited = query.Last is { } last ? ordered.Limit(last) : ordered;
            return limited.ToEnumerable().Select(FromDocument).ToList();
        }

        // Wildcard names cannot use the index, and a filter on ids makes LiteDB walk the id index in its own order
        // whatever the query asks; both are ordered and limited here.
        var matches = source.ToEnumerable()
            .Select(FromDocument)
            .Where(r => !wildcards || patterns.Any(p => p.IsMatch(r.PluginName)))
            .OrderByDescending(r => r.Id);
        return (query.Last is { } n ? matches.Take(n) : matches).ToList();
    });

    /// <summary>
    /// The records of the plugin with key <paramref name="pluginKey"/>, newest first, read along the
    /// <see cref="NewestIndex"/> index with no sort. The range can also hold keys of other plugins where the
    /// store's collation compares names loosely, so callers keep only the records whose key matches.
    /// </summary>
    internal static ILiteQueryable<BsonDocument> NewestFirst(LiteDatabase db, string pluginKey)
    {
        var range = BsonExpression.Create(
            NewestExpression + " BETWEEN @0 AND @1", pluginKey + "|" + new string('0', 19), pluginKey + "|" +
            new string('9', 19));
        return Collection(db).Query().Where(range).OrderByDescending(NewestExpression);
    }

    // Only a query by plugin name alone walks the newest-first index: a status, time or id filter is better served
    // by the index on that field (few Running records, a short time range), and LiteDB picks one index per query.
    private static bool OnlyNamesAndLast(HistoryQuery query) =>
        query.Statuses.Count == 0 && query.Ids.Count == 0 && query.After is null && query.Before is null;

    private static List<HistoryRecord> NewestOf(LiteDatabase db, IEnumerable<string> names, int? last)
    {
        var records = new List<HistoryRecord>();
        foreach (var key in names.Select(PluginName.Key).Distinct())
        {
            var own = NewestFirst(db, key).ToEnumerable().Where(d => d[PluginKeyField].AsString == key);
            records.AddRange((last is { } n ? own.Take(n) : own).Select(FromDocument));
        }

        var newest = records.OrderByDescending(r => r.Id);
        return (last is { } count ? newest.Take(count) : newest).ToList();
    }

    private static BsonExpression? BuildFilter(HistoryQuery query, IReadOnlyCollection<NamePattern> patterns)
    {
        var filters = new List<BsonExpression>();

        if (patterns.Count > 0 && patterns.All(p => !p.IsWildcard))
        {
            var keys = query.Names.Select(n => new BsonValue(PluginName.Key(n))).ToArray();
            filters.Add(Query.In(PluginKeyField, keys));
        }

        if (query.Statuses.Count > 0)
        {
            filters.Add(Query.In(StatusField, query.Statuses.Select(s => new BsonValue(s.ToString())).ToArray()));
        }

        if (query.Ids.Count > 0)
        {
            filters.Add(Query.In("_id", query.Ids.Select(i => new BsonValue(i)).ToArray()));
        }

        if (query.After is { } after)
        {
            filters.Add(Query.GTE(StartTimeField, StoreDates.Normalize(after)));
        }

        if (query.Before is { } before)
        {
            filters.Add(Query.LT(StartTimeField, StoreDates.Normalize(before)));
        }

        return filters.Count switch
        {
            0 => null,
            1 => filters[0],
            _ => Query.And(filters.ToArray()),
        };
    }

    private static long Counter(BsonDocument d, string name) => d[name].IsNull ? 0 : d[name].AsInt64;
}
