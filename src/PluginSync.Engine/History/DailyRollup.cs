using System;
using System.Collections.Generic;
using System.Globalization;
using LiteDB;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.History;

/// <summary>
/// What the closed runs of one plugin that started on one UTC day add up to: runs by status, counter totals, the
/// newest success and failure, and a histogram of durations. The same type adds rollups of several days into one
/// plugin's statistics. Running records are never counted.
/// </summary>
internal sealed class DailyRollup
{
    private const string StatusesField = "Statuses";
    private const string CountersField = "Counters";
    private const string DurationsField = "Durations";
    private const string LastSuccessField = "LastSuccess";
    private const string LastFailureField = "LastFailure";

    /// <summary>The counters of a record, by the names history records store them under.</summary>
    internal static readonly string[] CounterNames =
    {
        "Processed", "Created", "Updated", "Deleted", "Failed", "Skipped",
    };

    private readonly Dictionary<SyncStatus, long> _statuses = new();
    private readonly Dictionary<string, long> _counters = new();

    /// <summary>An empty rollup of <paramref name="pluginKey"/>'s runs on <paramref name="day"/>.</summary>
    public DailyRollup(string pluginKey, string pluginName, DateTime day)
    {
        PluginKey = pluginKey;
        PluginName = pluginName;
        Day = day;
    }

    /// <summary>The field holding the plugin's lower-case name, indexed.</summary>
    internal const string PluginKeyField = "PluginKey";

    /// <summary>The field holding the day (UTC midnight), indexed.</summary>
    internal const string DayField = "Day";

    /// <summary>The plugin's lower-case name.</summary>
    public string PluginKey { get; }

    /// <summary>The plugin's name as its newest counted run spelled it.</summary>
    public string PluginName { get; private set; }

    /// <summary>The UTC day; for several days added together, the newest of them.</summary>
    public DateTime Day { get; private set; }

    /// <summary>When the newest Completed run started (UTC), or null.</summary>
    public DateTime? LastSuccess { get; private set; }

    /// <summary>When the newest failed run started (UTC), or null.</summary>
    public DateTime? LastFailure { get; private set; }

    /// <summary>The durations of the runs, Abandoned runs left out.</summary>
    public DurationHistogram Durations { get; private set; } = new();

    /// <summary>Closed runs counted.</summary>
    public long Runs { get; private set; }

    /// <summary>Runs that ended Completed.</summary>
    public long Successes => Count(SyncStatus.Completed);

    /// <summary>Runs that ended in any other closed status.</summary>
    public long Failures => Runs - Successes;

    /// <summary>The document id of a plugin's day: <c>pluginkey|yyyy-MM-dd</c>.</summary>
    public static string Id(string pluginKey, DateTime day) =>
        pluginKey + "|" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The UTC day a run that started at <paramref name="startTime"/> counts on.</summary>
    public static DateTime DayOf(DateTime startTime) =>
        DateTime.SpecifyKind(StoreDates.Normalize(startTime).Date, DateTimeKind.Utc);

    /// <summary>How many runs ended with <paramref name="status"/>.</summary>
    public long Count(SyncStatus status) => _statuses.TryGetValue(status, out var count) ? count : 0;

    /// <summary>The total of the counter <paramref name="name"/> over the runs.</summary>
    public long Total(string name) => _counters.TryGetValue(name, out var total) ? total : 0;

    /// <summary>
    /// Counts the closed history record <paramref name="record"/>. An Abandoned run counts as a failure but not in
    /// the durations: its end time is when the stale run was found, not when it stopped.
    /// </summary>
    public void Add(BsonDocument record)
    {
        var status = (SyncStatus)Enum.Parse(typeof(SyncStatus), record[HistoryRepository.StatusField].AsString);
        if (status == SyncStatus.Running)
        {
            return;
        }

        PluginName = record["PluginName"].AsString;
        Runs++;
        _statuses[status] = Count(status) + 1;
        foreach (var name in CounterNames)
        {
            _counters[name] = Total(name) + (record[name].IsNull ? 0 : record[name].AsInt64);
        }

        var start = StoreDates.Read(record[HistoryRepository.StartTimeField]);
        if (status == SyncStatus.Completed)
        {
            LastSuccess = Later(LastSuccess, start);
        }
        else
        {
            LastFailure = Later(LastFailure, start);
        }

        if (status != SyncStatus.Abandoned && StoreDates.ReadOptional(record["EndTime"]) is { } end)
        {
            Durations.Add(end - start);
        }
    }

    /// <summary>Adds <paramref name="other"/>; the name is taken from the newer of the two.</summary>
    public void Add(DailyRollup other)
    {
        if (other.Day >= Day)
        {
            PluginName = other.PluginName;
            Day = other.Day;
        }

        Runs += other.Runs;
        foreach (var pair in other._statuses)
        {
            _statuses[pair.Key] = Count(pair.Key) + pair.Value;
        }

        foreach (var pair in other._counters)
        {
            _counters[pair.Key] = Total(pair.Key) + pair.Value;
        }

        LastSuccess = Later(LastSuccess, other.LastSuccess);
        LastFailure = Later(LastFailure, other.LastFailure);
        Durations.Add(other.Durations);
    }

    /// <summary>The rollup as stored, under the id <see cref="Id"/> gives it.</summary>
    public BsonDocument ToDocument()
    {
        var statuses = new BsonDocument();
        foreach (var pair in _statuses)
        {
            statuses[pair.Key.ToString()] = pair.Value;
        }

        var counters = new BsonDocument();
        foreach (var name in CounterNames)
        {
            counters[name] = Total(name);
        }

        return new BsonDocument
        {
            ["_id"] = Id(PluginKey, Day),
            [PluginKeyField] = PluginKey,
            ["PluginName"] = PluginName,
            [DayField] = Day,
            ["Runs"] = Runs,
            [StatusesField] = statuses,
            [CountersField] = counters,
            [LastSuccessField] = LastSuccess is { } success ? new BsonValue(success) : BsonValue.Null,
            [LastFailureField] = LastFailure is { } failure ? new BsonValue(failure) : BsonValue.Null,
            [DurationsField] = Durations.ToDocument(),
        };
    }

    /// <summary>A rollup read back from <see cref="ToDocument"/>'s form.</summary>
    public static DailyRollup FromDocument(BsonDocument document)
    {
        var rollup = new DailyRollup(
            document[PluginKeyField].AsString, document["PluginName"].AsString, StoreDates.Read(document[DayField]))
        {
            Runs = document["Runs"].AsInt64,
            LastSuccess = StoreDates.ReadOptional(document[LastSuccessField]),
            LastFailure = StoreDates.ReadOptional(document[LastFailureField]),
            Durations = DurationHistogram.FromDocument(document[DurationsField]),
        };

        foreach (var pair in document[StatusesField].AsDocument)
        {
            rollup._statuses[(SyncStatus)Enum.Parse(typeof(SyncStatus), pair.Key)] = pair.Value.AsInt64;
        }

        foreach (var pair in document[CountersField].AsDocument)
        {
            rollup._counters[pair.Key] = pair.Value.AsInt64;
        }

        return rollup;
    }

    private static DateTime? Later(DateTime? current, DateTime? candidate) =>
        candidate is { } value && (current is null || value > current) ? value : current;
}
