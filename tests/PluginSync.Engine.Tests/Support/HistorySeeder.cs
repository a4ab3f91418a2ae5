using System;
using System.Collections.Generic;
using PluginSync.Engine.History;
using PluginSync.Engine.Locking;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Tests.Support;

/// <summary>
/// Writes history records with chosen start times, through the same document helpers the engine uses, so that
/// queries by time can be tested without waiting for the clock. No run lock is taken.
/// </summary>
public static class HistorySeeder
{
    /// <summary>Writes a Running record owned by <paramref name="owner"/>, or this process, and returns its id.
    /// </summary>
    public static long AddRunning(
        SyncStore store, string pluginName, DateTime startTime, ProcessIdentity? owner = null) =>
        store.Use(db => HistoryRepository.Collection(db)
            .Insert(HistoryRepository.NewRunning(pluginName, startTime, owner ?? ProcessIdentity.Current)).AsInt64);

    /// <summary>
    /// Writes a record that ended one second after it started (or at <paramref name="endTime"/>) and returns its id.
    /// It is closed the way the engine closes a run: its day's rollup changes in the same transaction.
    /// </summary>
    public static long AddEnded(
        SyncStore store,
        string pluginName,
        DateTime startTime,
        SyncStatus status,
        SyncCounters? counters = null,
        string? error = null,
        int attempts = 1,
        DateTime? endTime = null)
    {
        var id = AddRunning(store, pluginName, startTime);
        store.Transaction(db =>
        {
            var history = HistoryRepository.Collection(db);
            var document = history.FindById(id);
            var previous = document[HistoryRepository.StatusField].AsString;
            HistoryRepository.MarkEnded(
                document, status, endTime ?? startTime.AddSeconds(1), counters ?? new SyncCounters(), error, attempts);
            history.Update(document);
            RollupRepository.RecordClosed(db, document, previous);
            return true;
        });
        return id;
    }

    /// <summary>
    /// Writes many closed records in one transaction, each ending one second after it starts, with their rollups.
    /// </summary>
    public static void AddManyEnded(
        SyncStore store,
        string pluginName,
        IEnumerable<DateTime> startTimes,
        SyncStatus status,
        string? error = null) =>
        store.Transaction(db =>
        {
            var history = HistoryRepository.Collection(db);
            foreach (var start in startTimes)
            {
                var document = HistoryRepository.NewRunning(pluginName, start, ProcessIdentity.Current);
                history.Insert(document);
                HistoryRepository.MarkEnded(document, status, start.AddSeconds(1), new SyncCounters(), error, 1);
                history.Update(document);
                RollupRepository.RecordClosed(db, document, nameof(SyncStatus.Running));
            }

            return true;
        });

    /// <summary>
    /// Moves the start time and heartbeat of the Running record <paramref name="id"/> back by <paramref name="age"/>,
    /// as if its process had stopped beating that long ago.
    /// </summary>
    public static void Backdate(SyncStore store, long id, TimeSpan age) =>
        store.Use(db =>
        {
            var history = HistoryRepository.Collection(db);
            var document = history.FindById(id);
            var then = DateTime.UtcNow - age;
            document[HistoryRepository.StartTimeField] = then;
            document[HistoryRepository.HeartbeatField] = then;
            return history.Update(document);
        });

    /// <summary>Makes the record look as if another machine ran it, where only its heartbeat can tell.</summary>
    public static void MoveToAnotherHost(SyncStore store, long id) =>
        store.Use(db =>
        {
            var history = HistoryRepository.Collection(db);
            var document = history.FindById(id);
            document["Host"] = "another-host";
            return history.Update(document);
        });
}
