using System;
using System.Collections.Generic;
using System.Linq;
using LiteDB;
using PluginSync.Engine.Audit;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Configuration;

/// <summary>
/// Reads and writes configurations in the store. One document per plugin, keyed by its lower-case name.
/// </summary>
public sealed class ConfigurationRepository
{
    private readonly SyncStore _store;

    internal ConfigurationRepository(SyncStore store) => _store = store;

    /// <summary>The configuration of <paramref name="name"/>, or null when there is none.</summary>
    public PluginConfiguration? Find(string name) => _store.Use(db =>
    {
        var document = Collection(db).FindById(PluginName.Key(name));
        return document is null ? null : FromDocument(document);
    });

    /// <summary>Every configuration, ordered by name.</summary>
    public IReadOnlyList<PluginConfiguration> All() => _store.Use(db =>
        Collection(db).FindAll().Select(FromDocument).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList());

    /// <summary>
    /// Removes the configuration of <paramref name="name"/> and its saved state, and appends
    /// <paramref name="audit"/>, in one transaction; false when there was no configuration.
    /// </summary>
    public bool Remove(string name, AuditEntry? audit = null) => _store.Transaction(db =>
    {
        var key = PluginName.Key(name);
        if (!Collection(db).Delete(key))
        {
            return false;
        }

        db.GetCollection(SyncStore.StateCollection).Delete(key);
        if (audit is not null)
        {
            AuditRepository.Append(db, audit);
        }

        return true;
    });

    /// <summary>Writes <paramref name="configuration"/> whole, with its audit entry, in one transaction.</summary>
    internal void Save(PluginConfiguration configuration, AuditEntry? audit = null) => _store.Transaction(db =>
    {
        Collection(db).Upsert(ToDocument(configuration));
        if (audit is not null)
        {
            AuditRepository.Append(db, audit);
        }

        return true;
    });

    private static ILiteCollection<BsonDocument> Collection(LiteDatabase db) =>
        db.GetCollection(SyncStore.ConfigurationCollection);

    private static BsonDocument ToDocument(PluginConfiguration configuration)
    {
        var settings = new BsonDocument();
        foreach (var pair in configuration.Settings)
        {
            settings[pair.Key] = SettingValues.ToBson(pair.Value);
        }

        var credentials = new BsonDocument();
        foreach (var pair in configuration.ProtectedCredentials)
        {
            credentials[pair.Key] = pair.Value;
        }

        return new BsonDocument
        {
            ["_id"] = PluginName.Key(configuration.Name),
            ["Name"] = configuration.Name,
            ["Enabled"] = configuration.Enabled,
            ["Settings"] = settings,
            ["Credentials"] = credentials,
            ["TimeoutSeconds"] = configuration.Policy.TimeoutSeconds is { } t ? new BsonValue(t) : BsonValue.Null,
            ["MaxAttempts"] = configuration.Policy.MaxAttempts,
            ["RetryDelaySeconds"] = configuration.Policy.RetryDelaySeconds,
            ["Created"] = configuration.Created,
            ["Modified"] = configuration.Modified,
        };
    }

    private static PluginConfiguration FromDocument(BsonDocument document)
    {
        var settings = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in document["Settings"].AsDocument ?? new BsonDocument())
        {
            settings[pair.Key] = SettingValues.FromBson(pair.Value);
        }

        var credentials = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in document["Credentials"].AsDocument ?? new BsonDocument())
        {
            credentials[pair.Key] = pair.Value.AsString;
        }

        return new PluginConfiguration(
            document["Name"].AsString,
            document["Enabled"].AsBoolean,
            settings,
            credentials,
            StoreDates.Read(document["Created"]),
            StoreDates.Read(document["Modified"]),
            ReadPolicy(document));
    }

    private static RunPolicy ReadPolicy(BsonDocument document)
    {
        var timeout = document["TimeoutSeconds"];
        var attempts = document["MaxAttempts"];
        var delay = document["RetryDelaySeconds"];
        return new RunPolicy(
            timeout.IsNumber ? timeout.AsInt32 : null,
            attempts.IsNumber ? attempts.AsInt32 : RunPolicy.Default.MaxAttempts,
            delay.IsNumber ? delay.AsDouble : RunPolicy.Default.RetryDelaySeconds);
    }
}
