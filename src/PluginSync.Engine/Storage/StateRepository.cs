using System;
using LiteDB;
using PluginSync.Engine.Plugins;

namespace PluginSync.Engine.Storage;

/// <summary>Each plugin's saved state (its bookmark between runs), keyed by the plugin's lower-case name.</summary>
public sealed class StateRepository
{
    private readonly SyncStore _store;

    internal StateRepository(SyncStore store) => _store = store;

    /// <summary>The state the last successful run of <paramref name="pluginName"/> saved, or null.</summary>
    public string? Get(string pluginName) => _store.Use(db =>
    {
        var document = Collection(db).FindById(PluginName.Key(pluginName));
        return document is null || document["State"].IsNull ? null : document["State"].AsString;
    });

    /// <summary>
    /// Saves the state of <paramref name="pluginName"/>, written by the run <paramref name="historyId"/>.
    /// </summary>
    public void Save(string pluginName, string? state, long historyId) => _store.Use(db => Collection(db).Upsert(
        new BsonDocument
        {
            ["_id"] = PluginName.Key(pluginName),
            ["State"] = state is null ? BsonValue.Null : new BsonValue(state),
            ["HistoryId"] = historyId,
            ["Saved"] = DateTime.UtcNow,
        }));

    private static ILiteCollection<BsonDocument> Collection(LiteDatabase db) =>
        db.GetCollection(SyncStore.StateCollection);
}
