using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LiteDB;
using PluginSync.Engine.Audit;

namespace PluginSync.Engine.Storage;

/// <summary>The plugin directories registered in the store, in the order they were registered.</summary>
public sealed class PluginPathRepository
{
    private readonly SyncStore _store;

    internal PluginPathRepository(SyncStore store) => _store = store;

    /// <summary>Every registered directory, oldest registration first.</summary>
    public IReadOnlyList<string> All() => _store.Use(db =>
        Collection(db).FindAll().OrderBy(d => d["Registered"].AsDateTime).Select(d => d["Path"].AsString).ToList());

    /// <summary>Registers <paramref name="path"/>, with an audit entry; false when it was registered already.</summary>
    public bool Add(string path) => _store.Transaction(db =>
    {
        var collection = Collection(db);
        var key = Key(path);
        if (collection.FindById(key) is not null)
        {
            return false;
        }

        collection.Insert(new BsonDocument { ["_id"] = key, ["Path"] = path, ["Registered"] = DateTime.UtcNow });
        AuditRepository.Append(db, Entry(AuditAction.PluginDirectoryRegistered, path));
        return true;
    });

    /// <summary>Unregisters <paramref name="path"/>, with an audit entry; false when it was not registered.</summary>
    public bool Remove(string path) => _store.Transaction(db =>
    {
        if (!Collection(db).Delete(Key(path)))
        {
            return false;
        }

        AuditRepository.Append(db, Entry(AuditAction.PluginDirectoryUnregistered, path));
        return true;
    });

    private static AuditEntry Entry(AuditAction action, string path)
    {
        var registered = action == AuditAction.PluginDirectoryRegistered;
        var change = new AuditChange("Plugin directory", registered ? null : path, registered ? path : null);
        return new AuditEntry(action, null, path, new[] { change });
    }

    /// <summary>Paths are compared as the file system compares them.</summary>
    internal static string Key(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return Path.DirectorySeparatorChar == '\\' ? full.ToLowerInvariant() : full;
    }

    private static ILiteCollection<BsonDocument> Collection(LiteDatabase db) =>
        db.GetCollection(SyncStore.PluginPathCollection);
}
