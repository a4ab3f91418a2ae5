using System;
using System.Collections.Generic;
using System.Linq;
using LiteDB;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Audit;

/// <summary>
/// The audit trail: append-only. Entries are written by the same transaction as the change they record, so a
/// change is never stored without its entry, nor an entry without its change. Nothing here edits or deletes one.
/// </summary>
public sealed class AuditRepository
{
    internal const string TimeField = "Time";
    internal const string PluginKeyField = "PluginKey";

    private readonly SyncStore _store;

    internal AuditRepository(SyncStore store) => _store = store;

    /// <summary>The entries that match <paramref name="query"/>, newest first.</summary>
    public IReadOnlyList<AuditEntry> Find(AuditQuery query) => _store.Use(db =>
    {
        var patterns = query.Names.Select(n => new NamePattern(n)).ToList();
        var entries = Collection(db).Query().OrderByDescending("_id").ToEnumerable()
            .Select(FromDocument)
            .Where(e => patterns.Count == 0 || (e.PluginName is { } name && patterns.Any(p => p.IsMatch(name))))
            .Where(e => query.Actions.Count == 0 || query.Actions.Contains(e.Action))
            .Where(e => query.After is not { } after || e.Time >= StoreDates.Normalize(after))
            .Where(e => query.Before is not { } before || e.Time < StoreDates.Normalize(before));
        return (query.Last is { } last ? entries.Take(last) : entries).ToList();
    });

    /// <summary>Appends <paramref name="entry"/>; called inside the transaction of the change it records.</summary>
    internal static void Append(LiteDatabase db, AuditEntry entry)
    {
        var changes = new BsonArray(entry.Changes.Select(c => new BsonDocument
        {
            ["Field"] = c.Field,
            ["Before"] = c.Before is null ? BsonValue.Null : new BsonValue(c.Before),
            ["After"] = c.After is null ? BsonValue.Null : new BsonValue(c.After),
        }));

        entry.Id = Collection(db).Insert(new BsonDocument
        {
            [TimeField] = StoreDates.Normalize(entry.Time),
            ["Actor"] = entry.Actor,
            ["Action"] = entry.Action.ToString(),
            ["PluginName"] = entry.PluginName is null ? BsonValue.Null : new BsonValue(entry.PluginName),
            [PluginKeyField] = entry.PluginName is null
                ? BsonValue.Null
                : new BsonValue(entry.PluginName.ToLowerInvariant()),
            ["Target"] = entry.Target is null ? BsonValue.Null : new BsonValue(entry.Target),
            ["Changes"] = changes,
        }).AsInt64;
    }

    internal static ILiteCollection<BsonDocument> Collection(LiteDatabase db) =>
        db.GetCollection(SyncStore.AuditCollection, BsonAutoId.Int64);

    private static AuditEntry FromDocument(BsonDocument d)
    {
        var changes = d["Changes"].AsArray?.Select(c => new AuditChange(
            c["Field"].AsString,
            c["Before"].IsNull ? null : c["Before"].AsString,
            c["After"].IsNull ? null : c["After"].AsString)).ToList() ?? new List<AuditChange>();

        return new AuditEntry(
            (AuditAction)Enum.Parse(typeof(AuditAction), d["Action"].AsString),
            d["PluginName"].IsNull ? null : d["PluginName"].AsString,
            d["Target"].IsNull ? null : d["Target"].AsString,
            changes)
        {
            Id = d["_id"].AsInt64,
            Time = StoreDates.Read(d[TimeField]),
            Actor = d["Actor"].AsString,
        };
    }
}
