using System;
using System.IO;
using System.Linq;
using PluginSync.Engine.Audit;
using PluginSync.Engine.Errors;
using PluginSync.Engine.History;
using PluginSync.Engine.Storage;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>Clearing history: which records go, what stays, the rollups, the audit entry and compaction.</summary>
public sealed class RetentionTests : IDisposable
{
    private static readonly DateTime Day = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    private HistoryRetention Retention => new(_test.Store);

    [Fact]
    public void OlderThanRemovesTheClosedRecordsThatStartedBeforeTheCutoffButNoRunningOne()
    {
        var old = Add("alpha", Day, SyncStatus.Completed);
        var oldFailure = Add("alpha", Day.AddHours(1), SyncStatus.Failed);
        var running = HistorySeeder.AddRunning(_test.Store, "alpha", Day.AddHours(2));
        var atCutoff = Add("alpha", Day.AddDays(1), SyncStatus.Completed);
        var later = Add("alpha", Day.AddDays(2), SyncStatus.Abandoned);

        var removals = Retention.Apply(HistoryRetentionRule.OlderThan(Day.AddDays(1), Now), Array.Empty<string>());

        Assert.Equal(new[] { later, atCutoff, running }, Ids());
        var removal = Assert.Single(removals);
        Assert.Equal(("alpha", 2L, 2L), (removal.PluginName, removal.Removed, removal.Remaining));
        Assert.DoesNotContain(old, Ids());
        Assert.DoesNotContain(oldFailure, Ids());
    }

    [Fact]
    public void OlderThanAnAgeCountsBackFromNow()
    {
        Add("alpha", Now.AddDays(-31), SyncStatus.Completed);
        var recent = Add("alpha", Now.AddDays(-29), SyncStatus.Completed);

        var rule = HistoryRetentionRule.OlderThan(TimeSpan.FromDays(30), Now);
        Retention.Apply(rule, Array.Empty<string>());

        Assert.Equal(Now.AddDays(-30), rule.Cutoff);
        Assert.Equal(new[] { recent }, Ids());
    }

    [Fact]
    public void KeepLastKeepsTheNewestClosedRecordsOfEachPluginAndNeverCountsOrRemovesRunningOnes()
    {
        var alpha = Enumerable.Range(0, 5).Select(i => Add("alpha", Day.AddHours(i), SyncStatus.Completed)).ToList();
        var beta = Enumerable.Range(0, 3).Select(i => Add("beta", Day.AddHours(i), SyncStatus.Failed)).ToList();
        var running = HistorySeeder.AddRunning(_test.Store, "alpha", Day.AddHours(9));

        var removals = Retention.Apply(HistoryRetentionRule.KeepNewest(2), Array.Empty<string>());

        Assert.Equal(new[] { running, beta[2], beta[1], alpha[4], alpha[3] }, Ids());
        Assert.Equal(new[] { ("alpha", 3L, 2L), ("beta", 1L, 2L) },
            removals.Select(r => (r.PluginName, r.Removed, r.Remaining)));
    }

    [Fact]
    public void KeepLastZeroRemovesEveryClosedRecordAndLeavesRunningOnes()
    {
        Add("alpha", Day, SyncStatus.Completed);
        Add("alpha", Day.AddHours(1), SyncStatus.TimedOut);
        var running = HistorySeeder.AddRunning(_test.Store, "alpha", Day.AddHours(2));

        Retention.Apply(HistoryRetentionRule.KeepNewest(0), Array.Empty<string>());

        Assert.Equal(new[] { running }, Ids());
        Assert.Empty(_test.Store.Statistics.Find(new StatisticsQuery()));
    }

    [Fact]
    public void NamesLimitTheRemovalToThosePlugins()
    {
        Add("alpha", Day, SyncStatus.Completed);
        var beta = Add("beta", Day, SyncStatus.Completed);

        var removals = Retention.Apply(HistoryRetentionRule.KeepNewest(0), new[] { "ALPHA", "nosuch" });

        Assert.Equal(new[] { beta }, Ids());
        Assert.Equal(new[] { ("alpha", 1L), ("nosuch", 0L) }, removals.Select(r => (r.PluginName, r.Removed)));
    }

    [Fact]
    public void TheRollupsOfTheDaysItTouchedAreRecomputedFromTheRecordsThatRemain()
    {
        Add("alpha", Day.AddHours(1), SyncStatus.Failed);
        Add("alpha", Day.AddHours(2), SyncStatus.Completed);
        Add("alpha", Day.AddDays(1).AddHours(1), SyncStatus.Failed);
        Add("alpha", Day.AddDays(1).AddHours(2), SyncStatus.Completed);
        Add("beta", Day.AddHours(3), SyncStatus.Failed);

        Retention.Apply(HistoryRetentionRule.OlderThan(Day.AddDays(1).AddHours(2), Now), new[] { "alpha" });

        var alpha = _test.Store.Statistics.Find(new StatisticsQuery { Names = { "alpha" } }).Single();
        Assert.Equal((1L, 1L, 0L), (alpha.Runs, alpha.Successes, alpha.Failures));
        Assert.Null(alpha.LastFailure);
        Assert.Equal(1, _test.Store.Statistics.Find(new StatisticsQuery { Names = { "beta" } }).Single().Runs);

        var kept = Rollups();
        _test.Store.Transaction(RollupRepository.RebuildAll);
        Assert.Equal(Rollups(), kept);
        Assert.Equal(2, kept.Length);
    }

    [Fact]
    public void PlanCountsWhatApplyRemovesAndRemovesNothing()
    {
        foreach (var hour in Enumerable.Range(0, 60))
        {
            Add(hour % 3 == 0 ? "alpha" : "beta", Day.AddHours(hour), SyncStatus.Completed);
        }

        HistorySeeder.AddRunning(_test.Store, "beta", Day);
        var rules = new[]
        {
            HistoryRetentionRule.OlderThan(Day.AddDays(1).AddHours(7).AddMinutes(30), Now),
            HistoryRetentionRule.KeepNewest(4),
        };

        foreach (var rule in rules)
        {
            var before = Ids();
            var plan = Retention.Plan(rule, Array.Empty<string>());
            Assert.Equal(before, Ids());

            var removals = Retention.Apply(rule, Array.Empty<string>());

            Assert.Equal(
                plan.Select(p => (p.PluginName, p.Removed, p.Remaining)),
                removals.Select(r => (r.PluginName, r.Removed, r.Remaining)));
            Assert.Equal(before.Length - plan.Sum(p => p.Removed), Ids().Length);
        }
    }

    [Fact]
    public void WritesAHistoryClearedAuditEntryForEachPluginWithTheCutoffAndTheCount()
    {
        Add("alpha", Day, SyncStatus.Completed);
        Add("alpha", Day, SyncStatus.Completed);
        Add("beta", Day, SyncStatus.Completed);
        Add("gamma", Day.AddDays(5), SyncStatus.Completed);
        var cutoff = Day.AddDays(1);

        Retention.Apply(HistoryRetentionRule.OlderThan(cutoff, Now), Array.Empty<string>());

        var entries = _test.Store.Audit.Find(new AuditQuery { Actions = { AuditAction.HistoryCleared } });
        Assert.Equal(new[] { "alpha", "beta" }, entries.Select(e => e.PluginName).OrderBy(n => n));
        var alpha = entries.Single(e => e.PluginName == "alpha");
        Assert.Contains("2024-05-02 00:00:00", alpha.Target);
        Assert.Contains(alpha.Changes, c => c.Field == "Cutoff" && c.After == cutoff.ToString("o"));
        Assert.Contains(alpha.Changes, c => c.Field == "Records removed" && c.After == "2");
    }

    [Fact]
    public void WritesNoAuditEntryWhenNothingWasRemoved()
    {
        Add("alpha", Day, SyncStatus.Completed);

        Retention.Apply(HistoryRetentionRule.KeepNewest(5), Array.Empty<string>());

        Assert.Empty(_test.Store.Audit.Find(new AuditQuery { Actions = { AuditAction.HistoryCleared } }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void RefusesAnAgeThatIsNotLongerThanZeroNamingIt(int days)
    {
        var age = TimeSpan.FromDays(days);

        var error = Assert.Throws<PluginSyncException>(() => HistoryRetentionRule.OlderThan(age, Now));

        Assert.Equal("HistoryCutoffInvalid", error.ErrorId);
        Assert.Equal(PluginSyncErrorKind.InvalidArgument, error.Kind);
        Assert.Contains($"'{age:c}'", error.Message);
        Assert.Contains("longer than zero", error.Message);
    }

    [Fact]
    public void RefusesAnAgeThatReachesBackBeforeTheYearOne()
    {
        var error = Assert.Throws<PluginSyncException>(() => HistoryRetentionRule.OlderThan(TimeSpan.MaxValue, Now));

        Assert.Equal("HistoryCutoffInvalid", error.ErrorId);
        Assert.Contains(TimeSpan.MaxValue.ToString("c"), error.Message);
    }

    [Fact]
    public void RefusesACutoffInTheFutureNamingIt()
    {
        var error = Assert.Throws<PluginSyncException>(
            () => HistoryRetentionRule.OlderThan(Now.AddMinutes(1), Now));

        Assert.Equal("HistoryCutoffInvalid", error.ErrorId);
        Assert.Contains("2024-06-01 00:01:00", error.Message);
        Assert.Contains("in the future", error.Message);
    }

    [Fact]
    public void RefusesANegativeCountToKeepNamingIt()
    {
        var error = Assert.Throws<PluginSyncException>(() => HistoryRetentionRule.KeepNewest(-3));

        Assert.Equal("HistoryKeepLastInvalid", error.ErrorId);
        Assert.Contains("-3", error.Message);
        Assert.Equal(-3, error.Target);
    }

    [Fact]
    public void ACutoffWithoutATimeZoneIsLocalTime()
    {
        var local = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Unspecified);

        var rule = HistoryRetentionRule.OlderThan(local, Now);

        Assert.Equal(DateTime.SpecifyKind(local, DateTimeKind.Local).ToUniversalTime(), rule.Cutoff);
    }

    [Fact]
    public void CompactingShrinksTheFileDeletesLiteDbsCopyAndKeepsTheStoreWorking()
    {
        // More than 2,550 records stay: LiteDB's own rebuild fails on a collection that large with its indexes.
        _test.ConfigureExample();
        var message = new string('x', 200);
        var minutes = Enumerable.Range(0, 3000).ToList();
        var old = minutes.Select(m => Day.AddMinutes(m));
        var recent = minutes.Select(m => Now.AddDays(-1).AddMinutes(m));
        HistorySeeder.AddManyEnded(_test.Store, "beta", old, SyncStatus.Failed, message);
        HistorySeeder.AddManyEnded(_test.Store, "alpha", recent, SyncStatus.Completed);
        Retention.Apply(HistoryRetentionRule.OlderThan(Now.AddDays(-2), Now), Array.Empty<string>());
        _test.Store.Use(db => { db.Checkpoint(); return true; });
        var indexes = Indexes();
        var before = _test.Store.FileSize;

        _test.Store.Compact();

        var after = _test.Store.FileSize;
        Assert.True(after < before * 0.8, $"{after} bytes is not much less than {before}");
        Assert.Equal(new[] { "master.key", "pluginsync.db" },
            Directory.GetFiles(_test.Folder).Select(Path.GetFileName).Where(n => n != "pluginsync-log.db")
                .OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(indexes, Indexes());
        Assert.Equal(3000, _test.AllHistory().Count);
        Assert.NotNull(_test.Store.Configurations.Find("example"));
        var newest = _test.Store.History.Find(new HistoryQuery { Names = { "alpha" }, Last = 1 });
        Assert.Equal(Now.AddDays(-1).AddMinutes(2999), Assert.Single(newest).StartTime);
        var plan = _test.Store.Use(db => HistoryRepository.NewestFirst(db, "alpha").Limit(1).GetPlan());
        Assert.Equal(HistoryRepository.NewestIndex, plan["index"]["name"].AsString);
        Assert.True(_test.Store.Use(db => db.UtcDate));
        Assert.Equal(3000, Assert.Single(_test.Store.Statistics.Find(new StatisticsQuery())).Runs);
    }

    [Fact]
    public void AnotherStoreOpenOnTheSameFileCarriesOnAfterCompaction()
    {
        foreach (var i in Enumerable.Range(0, 200))
        {
            Add("alpha", Day.AddMinutes(i), SyncStatus.Completed);
        }

        using var other = SyncStore.Open(_test.Folder);
        Assert.Equal(200, other.History.Find(new HistoryQuery()).Count);

        Retention.Apply(HistoryRetentionRule.KeepNewest(10), Array.Empty<string>());
        _test.Store.Compact();
        var added = HistorySeeder.AddEnded(other, "beta", Day, SyncStatus.Completed);

        Assert.Equal(11, other.History.Find(new HistoryQuery()).Count);
        Assert.Equal(11, _test.Store.History.Find(new HistoryQuery()).Count);
        Assert.Equal(added, _test.Store.History.Find(new HistoryQuery { Names = { "beta" } }).Single().Id);
    }

    private long Add(string name, DateTime start, SyncStatus status, string? error = null) =>
        HistorySeeder.AddEnded(_test.Store, name, start, status, error: error);

    private long[] Ids() => _test.AllHistory().Select(r => r.Id).ToArray();

    /// <summary>Every index of the store: collection, name and expression, in order.</summary>
    private string[] Indexes() => _test.Store.Use(db => db.GetCollection("$indexes").FindAll()
        .Select(i => $"{i["collection"].AsString} {i["name"].AsString} {i["expression"].AsString}")
        .OrderBy(i => i, StringComparer.Ordinal)
        .ToArray());

    private string[] Rollups() => _test.Store.Use(db => RollupRepository.Collection(db).FindAll()
        .OrderBy(d => d["_id"].AsString, StringComparer.Ordinal)
        .Select(d => LiteDB.JsonSerializer.Serialize(d))
        .ToArray());
}
