using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PluginSync.Engine.History;
using PluginSync.Engine.Storage;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

public sealed class HistoryTests : IDisposable
{
    private static readonly DateTime Noon = new(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task ThreeRunsLeaveThreeRecordsReturnedNewestFirst()
    {
        _test.ConfigureExample();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _test.RunAsync("example")).SyncHistoryId!.Value);
        }

        var records = _test.Store.History.Find(new HistoryQuery());

        Assert.Equal(3, records.Count);
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(ids.AsEnumerable().Reverse(), records.Select(r => r.Id));
        Assert.True(records[0].StartTime >= records[1].StartTime && records[1].StartTime >= records[2].StartTime);
    }

    [Fact]
    public void LastReturnsOnlyTheNewestRecords()
    {
        var ids = Enumerable.Range(0, 5).Select(i => AddRecord("alpha", Noon.AddMinutes(i))).ToList();

        var records = _test.Store.History.Find(new HistoryQuery { Last = 2 });

        Assert.Equal(new[] { ids[4], ids[3] }, records.Select(r => r.Id));
    }

    [Fact]
    public void LastAppliesAfterTheNameFilter()
    {
        var alpha = AddRecord("alpha", Noon);
        AddRecord("beta", Noon.AddMinutes(1));
        AddRecord("beta", Noon.AddMinutes(2));

        var literal = Find(q => { q.Names.Add("alpha"); q.Last = 1; });
        var wildcard = Find(q => { q.Names.Add("al*"); q.Last = 1; });

        Assert.Equal(new[] { alpha }, literal.Select(r => r.Id));
        Assert.Equal(new[] { alpha }, wildcard.Select(r => r.Id));
    }

    [Fact]
    public void LastByNameReturnsTheNewestRecordsOfThatPluginPastAChangeInIdWidth()
    {
        // 12 records per plugin take the ids past 9 and 99, where text that is not padded would sort 10 before 9.
        var ids = new Dictionary<string, List<long>>();
        foreach (var i in Enumerable.Range(0, 60))
        {
            var name = new[] { "p3", "p30", "a-b", "ab", "a.b" }[i % 5];
            var id = AddRecord(name, Noon.AddMinutes(i));
            ids[name] = ids.TryGetValue(name, out var list) ? list : new List<long>();
            ids[name].Add(id);
        }

        foreach (var pair in ids)
        {
            var records = Find(q => { q.Names.Add(pair.Key.ToUpperInvariant()); q.Last = 3; });

            Assert.Equal(pair.Value.AsEnumerable().Reverse().Take(3), records.Select(r => r.Id));
            Assert.All(records, r => Assert.Equal(pair.Key, r.PluginName));
        }
    }

    [Fact]
    public void ANameWithoutLastReturnsEveryRecordOfThatPluginNewestFirst()
    {
        var alpha = Enumerable.Range(0, 15).Select(i => AddRecord(i % 2 == 0 ? "alpha" : "beta", Noon)).ToList();

        var records = Find(q => q.Names.Add("alpha"));

        Assert.Equal(alpha.Where((_, i) => i % 2 == 0).Reverse(), records.Select(r => r.Id));
    }

    [Fact]
    public void LastWithSeveralNamesReturnsTheNewestOfAllOfThem()
    {
        var names = new[] { "alpha", "beta", "gamma" };
        var ids = Enumerable.Range(0, 9).Select(i => AddRecord(names[i % 3], Noon)).ToList();

        var records = Find(q => { q.Names.Add("alpha"); q.Names.Add("gamma"); q.Names.Add("ALPHA"); q.Last = 3; });

        Assert.Equal(new[] { ids[8], ids[6], ids[5] }, records.Select(r => r.Id));
    }

    [Fact]
    public void TheNewestFirstQueryWalksItsIndexBackwardsWithoutSorting()
    {
        for (var i = 0; i < 30; i++)
        {
            AddRecord(i % 2 == 0 ? "alpha" : "beta", Noon.AddMinutes(i));
        }

        var plan = _test.Store.Use(db => HistoryRepository.NewestFirst(db, "alpha").Limit(20).GetPlan());
        var explained = _test.Store.Use(db =>
        {
            using var reader = db.Execute(
                $"EXPLAIN SELECT $ FROM history WHERE {HistoryRepository.NewestExpression} BETWEEN " +
                "'alpha|0000000000000000000' AND 'alpha|9999999999999999999' " +
                $"ORDER BY {HistoryRepository.NewestExpression} DESC LIMIT 20");
            Assert.True(reader.Read());
            return reader.Current.AsDocument;
        });

        foreach (var p in new[] { plan, explained })
        {
            Assert.Equal(HistoryRepository.NewestIndex, p["index"]["name"].AsString);
            Assert.Equal(-1, p["index"]["order"].AsInt32);
            Assert.False(p.ContainsKey("orderBy"), $"LiteDB sorts the rows: {p}");
        }
    }

    [Fact]
    public void LastZeroReturnsNoRecords()
    {
        AddRecord("alpha", Noon);

        Assert.Empty(Find(q => q.Last = 0));
        Assert.Empty(Find(q => { q.Names.Add("a*"); q.Last = 0; }));
    }

    [Fact]
    public void FiltersByLiteralNameWithoutRegardToCase()
    {
        var alpha = AddRecord("alpha", Noon);
        AddRecord("alphabet", Noon);
        AddRecord("beta", Noon);

        var records = Find(q => q.Names.Add("ALPHA"));

        Assert.Equal(new[] { alpha }, records.Select(r => r.Id));
    }

    [Fact]
    public void FiltersBySeveralLiteralNames()
    {
        var alpha = AddRecord("alpha", Noon);
        var beta = AddRecord("beta", Noon);
        AddRecord("gamma", Noon);

        var records = Find(q => { q.Names.Add("alpha"); q.Names.Add("beta"); });

        Assert.Equal(new[] { beta, alpha }, records.Select(r => r.Id));
    }

    [Theory]
    [InlineData("alpha*", new[] { "alpha", "alphabet" })]
    [InlineData("*ta", new[] { "beta" })]
    [InlineData("?eta", new[] { "beta" })]
    [InlineData("ALPHA?*", new[] { "alphabet" })]
    [InlineData("*", new[] { "alpha", "alphabet", "beta", "a.b" })]
    [InlineData("a.*", new[] { "a.b" })]
    public void FiltersByWildcardName(string pattern, string[] expected)
    {
        foreach (var name in new[] { "alpha", "alphabet", "beta", "a.b" })
        {
            AddRecord(name, Noon);
        }

        var records = Find(q => q.Names.Add(pattern));

        Assert.Equal(expected.OrderBy(n => n), records.Select(r => r.PluginName).OrderBy(n => n));
    }

    [Fact]
    public void FiltersByAMixOfLiteralAndWildcardNames()
    {
        AddRecord("alpha", Noon);
        AddRecord("beta", Noon);
        AddRecord("gamma", Noon);

        var records = Find(q => { q.Names.Add("alpha"); q.Names.Add("g*"); });

        Assert.Equal(new[] { "alpha", "gamma" }, records.Select(r => r.PluginName).OrderBy(n => n));
    }

    [Fact]
    public void FiltersByStatus()
    {
        var completed = AddRecord("alpha", Noon, SyncStatus.Completed);
        var failed = AddRecord("alpha", Noon, SyncStatus.Failed);
        AddRecord("alpha", Noon, SyncStatus.Cancelled);
        var running = HistorySeeder.AddRunning(_test.Store, "alpha", Noon);

        Assert.Equal(new[] { failed }, Find(q => q.Statuses.Add(SyncStatus.Failed)).Select(r => r.Id));
        Assert.Equal(new[] { running }, Find(q => q.Statuses.Add(SyncStatus.Running)).Select(r => r.Id));
        Assert.Equal(
            new[] { failed, completed },
            Find(q => { q.Statuses.Add(SyncStatus.Completed); q.Statuses.Add(SyncStatus.Failed); }).Select(r => r.Id));
    }

    [Fact]
    public void FiltersByStatusAndWildcardNameTogether()
    {
        AddRecord("alpha", Noon, SyncStatus.Completed);
        var alphaFailed = AddRecord("alpha", Noon, SyncStatus.Failed);
        AddRecord("beta", Noon, SyncStatus.Failed);

        var records = Find(q => { q.Names.Add("al*"); q.Statuses.Add(SyncStatus.Failed); });

        Assert.Equal(new[] { alphaFailed }, records.Select(r => r.Id));
    }

    [Fact]
    public void FiltersByIds()
    {
        var first = AddRecord("alpha", Noon);
        AddRecord("alpha", Noon);
        var third = AddRecord("beta", Noon);

        var records = Find(q => { q.Ids.Add(first); q.Ids.Add(third); q.Ids.Add(9999); });

        Assert.Equal(new[] { third, first }, records.Select(r => r.Id));
    }

    [Fact]
    public void LastWithIdsReturnsTheNewestOfThoseIds()
    {
        var first = AddRecord("alpha", Noon);
        var second = AddRecord("alpha", Noon);

        var records = Find(q => { q.Ids.Add(first); q.Ids.Add(second); q.Last = 1; });

        Assert.Equal(new[] { second }, records.Select(r => r.Id));
    }

    [Fact]
    public void AfterKeepsRunsThatStartedAtOrAfterTheTime()
    {
        AddRecord("alpha", Noon.AddMinutes(-1));
        var atNoon = AddRecord("alpha", Noon);
        var later = AddRecord("alpha", Noon.AddMinutes(1));

        var records = Find(q => q.After = Noon);

        Assert.Equal(new[] { later, atNoon }, records.Select(r => r.Id));
    }

    [Fact]
    public void BeforeKeepsRunsThatStartedBeforeTheTime()
    {
        var earlier = AddRecord("alpha", Noon.AddMinutes(-1));
        AddRecord("alpha", Noon);
        AddRecord("alpha", Noon.AddMinutes(1));

        var records = Find(q => q.Before = Noon);

        Assert.Equal(new[] { earlier }, records.Select(r => r.Id));
    }

    [Fact]
    public void AfterAndBeforeTogetherKeepTheRunsInBetween()
    {
        AddRecord("alpha", Noon.AddHours(-2));
        var inside = AddRecord("alpha", Noon);
        AddRecord("alpha", Noon.AddHours(2));

        var records = Find(q => { q.After = Noon.AddHours(-1); q.Before = Noon.AddHours(1); });

        Assert.Equal(new[] { inside }, records.Select(r => r.Id));
    }

    [Fact]
    public void AfterGivenInLocalTimeMeansTheSameInstant()
    {
        AddRecord("alpha", Noon.AddMinutes(-1));
        var later = AddRecord("alpha", Noon.AddMinutes(1));

        var records = Find(q => q.After = Noon.ToLocalTime());

        Assert.Equal(new[] { later }, records.Select(r => r.Id));
    }

    [Fact]
    public async Task AfterTheStartTimeOfAResultFindsThatRun()
    {
        _test.ConfigureExample();
        var result = await _test.RunAsync("example");

        var records = Find(q => q.After = result.StartTime);

        Assert.Equal(new[] { result.SyncHistoryId!.Value }, records.Select(r => r.Id));
    }

    [Fact]
    public async Task TheResultAndItsRecordAgreeOnStartAndEndTime()
    {
        _test.ConfigureExample();
        var result = await _test.RunAsync("example");

        var record = _test.Store.History.Get(result.SyncHistoryId!.Value)!;

        Assert.Equal(result.StartTime, record.StartTime);
        Assert.Equal(result.EndTime, record.EndTime);
    }

    [Fact]
    public void ReadsDatesBackAsUtc()
    {
        var unspecified = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Unspecified);
        var id = HistorySeeder.AddEnded(
            _test.Store, "alpha", unspecified, SyncStatus.Completed, endTime: Noon.AddMinutes(1).ToLocalTime());

        var record = _test.Store.History.Get(id)!;

        Assert.Equal(DateTimeKind.Utc, record.StartTime.Kind);
        Assert.Equal(DateTimeKind.Utc, record.EndTime!.Value.Kind);
        Assert.Equal(Noon, record.StartTime);
        Assert.Equal(Noon.AddMinutes(1), record.EndTime);
    }

    [Fact]
    public void ARunningRecordHasNoEndTimeAndNoDuration()
    {
        var id = HistorySeeder.AddRunning(_test.Store, "alpha", Noon);

        var record = _test.Store.History.Get(id)!;

        Assert.Equal(SyncStatus.Running, record.Status);
        Assert.Null(record.EndTime);
        Assert.Null(record.Duration);
        Assert.Equal(Noon, record.Heartbeat);
        Assert.Equal(DateTimeKind.Utc, record.Heartbeat!.Value.Kind);
    }

    [Fact]
    public void AnEndedRecordKeepsItsCountersErrorMessageAndAttempts()
    {
        var counters = new SyncCounters();
        counters.AddProcessed(6);
        counters.AddCreated(1);
        counters.AddUpdated(2);
        counters.AddDeleted(3);
        counters.AddFailed(4);
        counters.AddSkipped(5);
        var id = HistorySeeder.AddEnded(
            _test.Store, "alpha", Noon, SyncStatus.Failed, counters, "four records failed", 2, Noon.AddSeconds(5));

        var record = _test.Store.History.Get(id)!;
        Assert.Equal((6L, 1L, 2L, 3L, 4L, 5L), (record.Processed, record.Created, record.Updated, record.Deleted,
            record.Failed, record.Skipped));
        Assert.Equal("four records failed", record.ErrorMessage);
        Assert.Equal(TimeSpan.FromSeconds(5), record.Duration);
        Assert.Equal(2, record.Attempts);
    }

    [Fact]
    public void GetReturnsNullForAnUnknownId()
    {
        Assert.Null(_test.Store.History.Get(424242));
    }

    [Fact]
    public void HistoryOutlivesTheStore()
    {
        var id = AddRecord("alpha", Noon, SyncStatus.Failed);
        _test.Store.Dispose();

        using var reopened = SyncStore.Open(_test.Folder);

        var record = reopened.History.Get(id)!;
        Assert.Equal(SyncStatus.Failed, record.Status);
        Assert.Equal(Noon, record.StartTime);
        Assert.Equal(DateTimeKind.Utc, record.StartTime.Kind);
    }

    private long AddRecord(string name, DateTime start, SyncStatus status = SyncStatus.Completed) =>
        HistorySeeder.AddEnded(_test.Store, name, start, status);

    private IReadOnlyList<HistoryRecord> Find(Action<HistoryQuery> build)
    {
        var query = new HistoryQuery();
        build(query);
        return _test.Store.History.Find(query);
    }
}
