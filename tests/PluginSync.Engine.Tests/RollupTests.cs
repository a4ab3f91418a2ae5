using System;
using System.Linq;
using System.Threading.Tasks;
using LiteDB;
using PluginSync.Engine.History;
using PluginSync.Engine.Locking;
using PluginSync.Engine.Storage;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>
/// Daily rollups change in the transaction that closes a record, and are built for stores that have none.
/// </summary>
public sealed class RollupTests : IDisposable
{
    private static readonly DateTime Day = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    private RunLockService Locks => new(_test.Store, _test.Store.Options);

    [Fact]
    public async Task ARunThatFinishesIsCountedInItsDaysRollup()
    {
        _test.ConfigureExample();

        var result = await _test.RunAsync("example");

        var rollup = Rollup("example", DailyRollup.DayOf(result.StartTime));
        Assert.Equal(1, rollup.Runs);
        Assert.Equal(1, rollup.Successes);
        Assert.Equal(result.Processed, rollup.Total("Processed"));
        Assert.Equal(result.StartTime, rollup.LastSuccess);
        Assert.Equal(1, rollup.Durations.Count);
    }

    [Fact]
    public void ARunningRecordIsNotCountedUntilItIsClosed()
    {
        var lease = Locks.TryStart("alpha").Lease!;
        Assert.Null(StoredRollup("alpha", DailyRollup.DayOf(lease.StartTime)));

        Locks.Finish(lease, SyncStatus.Failed, lease.StartTime.AddSeconds(3), new SyncCounters(), "broke", 1);

        var rollup = Rollup("alpha", DailyRollup.DayOf(lease.StartTime));
        Assert.Equal((1L, 0L, 1L), (rollup.Runs, rollup.Successes, rollup.Failures));
        Assert.Equal(lease.StartTime, rollup.LastFailure);
    }

    [Fact]
    public void AStaleRunClosedAsAbandonedWhenTheStoreOpensIsCounted()
    {
        var lease = Locks.TryStart("alpha").Lease!;
        HistorySeeder.MoveToAnotherHost(_test.Store, lease.HistoryId);
        HistorySeeder.Backdate(_test.Store, lease.HistoryId, TimeSpan.FromMinutes(10));
        var start = _test.Store.History.Get(lease.HistoryId)!.StartTime;

        using var reopened = SyncStore.Open(_test.Folder);

        Assert.Single(reopened.RecoveredRuns);
        var rollup = Rollup(reopened, "alpha", DailyRollup.DayOf(start));
        Assert.Equal(1, rollup.Count(SyncStatus.Abandoned));
        Assert.Equal(start, rollup.LastFailure);
        Assert.Equal(0, rollup.Durations.Count);
    }

    [Fact]
    public void AStaleRunAbandonedByTheNextRunsLockIsCounted()
    {
        var stale = Locks.TryStart("alpha").Lease!;
        HistorySeeder.MoveToAnotherHost(_test.Store, stale.HistoryId);
        HistorySeeder.Backdate(_test.Store, stale.HistoryId, TimeSpan.FromMinutes(10));
        var start = _test.Store.History.Get(stale.HistoryId)!.StartTime;

        var (lease, _, abandoned) = Locks.TryStart("alpha");

        Assert.NotNull(lease);
        Assert.Equal(stale.HistoryId, abandoned!.Id);
        Assert.Equal(1, Rollup("alpha", DailyRollup.DayOf(start)).Count(SyncStatus.Abandoned));
    }

    [Fact]
    public void ARunAbandonedAndThenFinishedByItsOwnProcessIsCountedOnceAsAbandoned()
    {
        var lease = Locks.TryStart("alpha").Lease!;
        HistorySeeder.MoveToAnotherHost(_test.Store, lease.HistoryId);
        HistorySeeder.Backdate(_test.Store, lease.HistoryId, TimeSpan.FromMinutes(10));
        using (var other = SyncStore.Open(_test.Folder))
        {
            Assert.Single(other.RecoveredRuns);
        }

        var start = _test.Store.History.Get(lease.HistoryId)!.StartTime;
        Assert.False(Locks.Finish(lease, SyncStatus.Completed, start.AddSeconds(2), new SyncCounters(), null, 1));

        var rollup = Rollup("alpha", DailyRollup.DayOf(start));
        Assert.Equal((1L, 0L, 1L), (rollup.Runs, rollup.Successes, rollup.Count(SyncStatus.Abandoned)));
        Assert.Equal(start, rollup.LastFailure);
    }

    [Fact]
    public void RunsOfOnePluginOnDifferentDaysAndOfDifferentPluginsOnOneDayHaveTheirOwnRollups()
    {
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddHours(1), SyncStatus.Completed);
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddHours(23), SyncStatus.Failed);
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(1), SyncStatus.Completed);
        HistorySeeder.AddEnded(_test.Store, "beta", Day.AddHours(2), SyncStatus.Completed);

        var ids = _test.Store.Use(db => RollupRepository.Collection(db).FindAll().Select(d => d["_id"].AsString))
            .OrderBy(i => i, StringComparer.Ordinal);

        Assert.Equal(new[] { "alpha|2024-05-01", "alpha|2024-05-02", "beta|2024-05-01" }, ids);
        Assert.Equal(2, Rollup("alpha", Day).Runs);
    }

    [Fact]
    public void AStoreWithHistoryButNoRollupsGetsThemWhenItOpens()
    {
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddHours(1), SyncStatus.Completed, endTime: Day.AddHours(2));
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(3), SyncStatus.Failed);
        HistorySeeder.AddEnded(_test.Store, "beta", Day, SyncStatus.Cancelled);
        HistorySeeder.AddRunning(_test.Store, "beta", DateTime.UtcNow);
        var before = Snapshot(_test.Store);
        _test.Store.Use(db => db.DropCollection(SyncStore.RollupCollection));
        Assert.Empty(Snapshot(_test.Store));

        using var reopened = SyncStore.Open(_test.Folder);

        Assert.Equal(before, Snapshot(reopened));
        Assert.Equal(3, reopened.Use(db => RollupRepository.Collection(db).Count()));
    }

    [Fact]
    public void AStoreWithOnlyRunningRecordsBuildsNoRollups()
    {
        HistorySeeder.AddRunning(_test.Store, "alpha", DateTime.UtcNow);

        using var reopened = SyncStore.Open(_test.Folder);

        Assert.Equal(0, reopened.Use(db => RollupRepository.Collection(db).Count()));
        Assert.False(reopened.Use(RollupRepository.AreMissing));
    }

    [Fact]
    public void RollupsKeptRunByRunEqualRollupsBuiltFromTheRecords()
    {
        var random = new Random(7);
        var statuses = Enum.GetValues(typeof(SyncStatus)).Cast<SyncStatus>().ToArray();
        for (var i = 0; i < 200; i++)
        {
            var start = Day.AddMinutes(random.Next(0, 60 * 24 * 10));
            var status = statuses[random.Next(statuses.Length)];
            var end = start.AddSeconds(random.Next(1, 900));
            HistorySeeder.AddEnded(_test.Store, i % 3 == 0 ? "alpha" : "beta", start, status, endTime: end);
        }

        var kept = Snapshot(_test.Store);
        _test.Store.Transaction(RollupRepository.RebuildAll);

        Assert.Equal(kept, Snapshot(_test.Store));
    }

    private DailyRollup Rollup(string key, DateTime day) => Rollup(_test.Store, key, day);

    private static DailyRollup Rollup(SyncStore store, string key, DateTime day) =>
        DailyRollup.FromDocument(store.Use(db => RollupRepository.Collection(db).FindById(DailyRollup.Id(key, day)))
            ?? throw new Xunit.Sdk.XunitException($"There is no rollup for {key} on {day:yyyy-MM-dd}."));

    private BsonDocument? StoredRollup(string key, DateTime day) =>
        _test.Store.Use(db => RollupRepository.Collection(db).FindById(DailyRollup.Id(key, day)));

    /// <summary>Every rollup as text, in id order, so two sets of rollups compare as equal or not.</summary>
    private static string[] Snapshot(SyncStore store) => store.Use(db => RollupRepository.Collection(db).FindAll()
        .OrderBy(d => d["_id"].AsString, StringComparer.Ordinal)
        .Select(d => JsonSerializer.Serialize(d))
        .ToArray());
}
