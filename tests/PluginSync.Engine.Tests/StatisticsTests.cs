using System;
using System.Collections.Generic;
using System.Linq;
using PluginSync.Engine.History;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>
/// Per-plugin statistics read from daily rollups, checked against figures worked out from the records.
/// </summary>
public sealed class StatisticsTests : IDisposable
{
    private static readonly DateTime Day = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public void MedianAndP95AreWithinTheBucketWidthOfTheExactValuesOverManyDays()
    {
        var random = new Random(20240501);
        var durations = new List<TimeSpan>();
        for (var i = 0; i < 400; i++)
        {
            // Durations from a millisecond to a few hours, spread evenly on a log scale, over 40 days.
            var duration = TimeSpan.FromMilliseconds(Math.Round(Math.Pow(10, random.NextDouble() * 7)));
            durations.Add(duration);
            var start = Day.AddDays(i % 40).AddMinutes(random.Next(0, 1000));
            HistorySeeder.AddEnded(_test.Store, "alpha", start, SyncStatus.Completed, endTime: start + duration);
        }

        var statistics = Single();

        var sorted = durations.OrderBy(d => d).ToList();
        AssertWithinBucket(sorted[199], statistics.MedianDuration!.Value); // rank 200 of 400
        AssertWithinBucket(sorted[379], statistics.P95Duration!.Value); // rank 380 of 400
    }

    [Fact]
    public void CountsCompletedAsSuccessAndFailedTimedOutAbandonedAndCancelledAsFailure()
    {
        foreach (var status in new[]
                 {
                     SyncStatus.Completed, SyncStatus.Completed, SyncStatus.Completed, SyncStatus.Failed,
                     SyncStatus.TimedOut, SyncStatus.Abandoned, SyncStatus.Cancelled,
                 })
        {
            HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddHours(1), status);
        }

        HistorySeeder.AddRunning(_test.Store, "alpha", Day.AddHours(2));

        var statistics = Single();

        Assert.Equal(7, statistics.Runs);
        Assert.Equal(3, statistics.Successes);
        Assert.Equal(4, statistics.Failures);
        Assert.Equal(3.0 / 7, statistics.SuccessRate, 10);
    }

    [Fact]
    public void LeavesAbandonedRunsOutOfTheDurations()
    {
        HistorySeeder.AddEnded(_test.Store, "alpha", Day, SyncStatus.Completed, endTime: Day.AddSeconds(10));
        HistorySeeder.AddEnded(_test.Store, "alpha", Day, SyncStatus.Abandoned, endTime: Day.AddDays(2));
        HistorySeeder.AddEnded(_test.Store, "alpha", Day, SyncStatus.Abandoned, endTime: Day.AddDays(2));

        var statistics = Single();

        AssertWithinBucket(TimeSpan.FromSeconds(10), statistics.P95Duration!.Value);
        Assert.Equal(3, statistics.Runs);
    }

    [Fact]
    public void AddsUpEveryCounterOverTheRuns()
    {
        for (var i = 1; i <= 3; i++)
        {
            var counters = Counters(i, 2 * i, 3 * i, 4 * i, 5 * i, 6 * i);
            HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(i), SyncStatus.Completed, counters);
        }

        var statistics = Single();

        Assert.Equal((6L, 12L, 18L, 24L, 30L, 36L), (statistics.Processed, statistics.Created, statistics.Updated,
            statistics.Deleted, statistics.Failed, statistics.Skipped));
    }

    [Fact]
    public void ReportsTheStartOfTheNewestSuccessAndOfTheNewestFailure()
    {
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(3).AddHours(4), SyncStatus.Completed);
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(1).AddHours(5), SyncStatus.TimedOut);
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(1).AddHours(9), SyncStatus.Failed);
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(2), SyncStatus.Completed);
        HistorySeeder.AddRunning(_test.Store, "alpha", Day.AddDays(5));

        var statistics = Single();

        Assert.Equal(Day.AddDays(3).AddHours(4), statistics.LastSuccess);
        Assert.Equal(Day.AddDays(1).AddHours(9), statistics.LastFailure);
        Assert.Equal(DateTimeKind.Utc, statistics.LastSuccess!.Value.Kind);
    }

    [Fact]
    public void AfterCountsTheWholeDaysAfterTheCutoffAndThePartOfItsOwnDayExactly()
    {
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddHours(23), SyncStatus.Failed);
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(1).AddHours(9), SyncStatus.Failed, Counters(1));
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(1).AddHours(12), SyncStatus.Completed, Counters(10));
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(1).AddHours(15), SyncStatus.Failed, Counters(100));
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddDays(4), SyncStatus.Completed, Counters(1000));

        var statistics = Single(q => q.After = Day.AddDays(1).AddHours(12));

        Assert.Equal(3, statistics.Runs);
        Assert.Equal(1110, statistics.Processed);
        Assert.Equal(Day.AddDays(1).AddHours(15), statistics.LastFailure);
        Assert.Equal(Day.AddDays(1).AddHours(12), statistics.After);
    }

    [Fact]
    public void AfterAtMidnightCountsThatWholeDay()
    {
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddMilliseconds(-1), SyncStatus.Completed);
        HistorySeeder.AddEnded(_test.Store, "alpha", Day, SyncStatus.Completed);
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddHours(23), SyncStatus.Completed);

        Assert.Equal(2, Single(q => q.After = Day).Runs);
    }

    [Fact]
    public void AfterGivenInLocalTimeMeansTheSameInstant()
    {
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddHours(11), SyncStatus.Completed);
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddHours(13), SyncStatus.Completed);

        Assert.Equal(1, Single(q => q.After = Day.AddHours(12).ToLocalTime()).Runs);
    }

    [Fact]
    public void AfterTheNewestRunReturnsNothing()
    {
        HistorySeeder.AddEnded(_test.Store, "alpha", Day, SyncStatus.Completed);

        Assert.Empty(Find(q => q.After = Day.AddDays(1).AddHours(1)));
    }

    [Fact]
    public void ReturnsOneEntryPerPluginInNameOrderAndLeavesOutPluginsWithOnlyRunningRecords()
    {
        HistorySeeder.AddEnded(_test.Store, "gamma", Day, SyncStatus.Completed);
        HistorySeeder.AddEnded(_test.Store, "alpha", Day, SyncStatus.Completed);
        HistorySeeder.AddEnded(_test.Store, "Alpha", Day.AddDays(1), SyncStatus.Failed);
        HistorySeeder.AddRunning(_test.Store, "beta", Day);

        var statistics = Find(_ => { });

        Assert.Equal(new[] { "Alpha", "gamma" }, statistics.Select(s => s.PluginName));
        Assert.Equal(2, statistics[0].Runs);
    }

    [Theory]
    [InlineData("ALPHA", new[] { "alpha" })]
    [InlineData("al*", new[] { "alpha", "alphabet" })]
    [InlineData("?eta", new[] { "beta" })]
    [InlineData("nosuch", new string[0])]
    public void FiltersByNameOrWildcard(string pattern, string[] expected)
    {
        foreach (var name in new[] { "alpha", "alphabet", "beta" })
        {
            HistorySeeder.AddEnded(_test.Store, name, Day, SyncStatus.Completed);
        }

        var statistics = Find(q => q.Names.Add(pattern));

        Assert.Equal(expected, statistics.Select(s => s.PluginName));
    }

    [Fact]
    public void FiltersByNameOnThePartOfTheCutoffDayToo()
    {
        HistorySeeder.AddEnded(_test.Store, "alpha", Day.AddHours(13), SyncStatus.Completed);
        HistorySeeder.AddEnded(_test.Store, "beta", Day.AddHours(14), SyncStatus.Completed);

        var statistics = Find(q => { q.Names.Add("beta"); q.After = Day.AddHours(12); });

        Assert.Equal(new[] { "beta" }, statistics.Select(s => s.PluginName));
    }

    [Fact]
    public void AnEmptyStoreHasNoStatistics()
    {
        Assert.Empty(Find(_ => { }));
    }

    private PluginStatistics Single(Action<StatisticsQuery>? build = null) => Assert.Single(Find(build ?? (_ => { })));

    private IReadOnlyList<PluginStatistics> Find(Action<StatisticsQuery> build)
    {
        var query = new StatisticsQuery();
        build(query);
        return _test.Store.Statistics.Find(query);
    }

    private static SyncCounters Counters(
        long processed, long created = 0, long updated = 0, long deleted = 0, long failed = 0, long skipped = 0)
    {
        var counters = new SyncCounters();
        counters.AddProcessed(processed);
        counters.AddCreated(created);
        counters.AddUpdated(updated);
        counters.AddDeleted(deleted);
        counters.AddFailed(failed);
        counters.AddSkipped(skipped);
        return counters;
    }

    private static void AssertWithinBucket(TimeSpan exact, TimeSpan read)
    {
        var error = Math.Abs(read.Ticks - exact.Ticks) / (double)exact.Ticks;
        Assert.True(error <= 0.025, $"expected {exact} within 2.5%, got {read} ({error:P2} off)");
    }
}
