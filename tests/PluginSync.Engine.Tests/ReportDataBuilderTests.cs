using System;
using System.Collections.Generic;
using System.Linq;
using PluginSync.Engine.Errors;
using PluginSync.Engine.History;
using PluginSync.Engine.Reporting;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Tests.Support;
using Xunit;
using static PluginSync.Engine.Tests.Support.ReportRecords;

namespace PluginSync.Engine.Tests;

public sealed class ReportDataBuilderTests
{
    private static readonly DateTime Now = new(2025, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private static ReportDataBuilder Builder(params string[] secrets) => new(new SecretMasker(secrets));

    private static ReportRequest Request(DateTime? after = null, params string[] names)
    {
        var request = new ReportRequest { GeneratedAt = Now, After = after, StorePath = "store.db" };
        foreach (var name in names)
        {
            request.Names.Add(name);
        }

        return request;
    }

    [Fact]
    public void CountsEveryEndedRunThatDidNotCompleteAsAFailure()
    {
        var records = new[]
        {
            Ended("hr", Now.AddHours(-6)),
            Ended("hr", Now.AddHours(-5)),
            Ended("hr", Now.AddHours(-4), SyncStatus.Failed),
            Ended("hr", Now.AddHours(-3), SyncStatus.TimedOut),
            Ended("hr", Now.AddHours(-2), SyncStatus.Cancelled),
            Ended("hr", Now.AddHours(-1), SyncStatus.Abandoned),
        };

        var row = Builder().FromRecords(records, Request()).Plugins.Single();

        Assert.Equal(6, row.Runs);
        Assert.Equal(2, row.Successes);
        Assert.Equal(4, row.Failures);
        Assert.Equal(2.0 / 6, row.SuccessRate!.Value, 10);
    }

    [Fact]
    public void LeavesOutRunsThatAreStillRunning()
    {
        var records = new[] { Ended("hr", Now.AddHours(-2)), Running("hr", Now.AddMinutes(-5)), Running("crm", Now) };

        var data = Builder().FromRecords(records, Request());

        Assert.Equal(new[] { "hr" }, data.Plugins.Select(p => p.PluginName));
        Assert.Equal(1, data.Plugins[0].Runs);
        Assert.Equal(0, data.FailureCount);
    }

    [Fact]
    public void TakesTheMedianAndTheNearestRank95thPercentileOfTheDurations()
    {
        // 1 to 20 seconds: the median is the mean of 10 and 11, the 95th percentile is rank 19 of 20.
        var records = Enumerable.Range(1, 20)
            .Select(i => Ended("hr", Now.AddHours(-i), duration: TimeSpan.FromSeconds(i)))
            .ToList();

        var row = Builder().FromRecords(records, Request()).Plugins.Single();

        Assert.Equal(TimeSpan.FromSeconds(10.5), row.MedianDuration);
        Assert.Equal(TimeSpan.FromSeconds(19), row.P95Duration);
    }

    [Fact]
    public void LeavesAbandonedRunsOutOfTheDurations()
    {
        var records = new[]
        {
            Ended("hr", Now.AddHours(-3), duration: TimeSpan.FromSeconds(2)),
            Ended("hr", Now.AddHours(-2), SyncStatus.Failed, TimeSpan.FromSeconds(4)),
            Ended("hr", Now.AddHours(-1), SyncStatus.Abandoned, TimeSpan.FromHours(5)),
        };

        var data = Builder().FromRecords(records, Request());

        Assert.Equal(TimeSpan.FromSeconds(3), data.Plugins[0].MedianDuration);
        Assert.Equal(TimeSpan.FromSeconds(4), data.Plugins[0].P95Duration);
        Assert.Equal(TimeSpan.FromSeconds(3), data.Daily[0].Days.Single().MedianDuration);
    }

    [Fact]
    public void HasNoDurationsForAPluginWhoseRunsWereAllAbandoned()
    {
        var data = Builder().FromRecords(new[] { Ended("hr", Now.AddHours(-1), SyncStatus.Abandoned) }, Request());

        Assert.Null(data.Plugins[0].MedianDuration);
        Assert.Null(data.Plugins[0].P95Duration);
        Assert.Null(data.Daily[0].Days.Single().MedianDuration);
    }

    [Fact]
    public void AddsUpTheRecordCountersAndFindsTheLastSuccessAndFailure()
    {
        var records = new[]
        {
            Ended("hr", Now.AddDays(-3), processed: 10, created: 4, updated: 3, deleted: 2, failed: 1),
            Ended("hr", Now.AddDays(-2), SyncStatus.Failed, processed: 5, failed: 5),
            Ended("hr", Now.AddDays(-1), processed: 7, updated: 7),
        };

        var row = Builder().FromRecords(records, Request()).Plugins.Single();

        Assert.Equal((22L, 4L, 10L, 2L, 6L), (row.Processed, row.Created, row.Updated, row.Deleted, row.Failed));
        Assert.Equal(Now.AddDays(-1), row.LastSuccess);
        Assert.Equal(Now.AddDays(-2), row.LastFailure);
    }

    [Fact]
    public void CountsOnlyTheRunsOfTheLast30DaysByDefault()
    {
        var records = new[]
        {
            Ended("hr", Now.AddDays(-31)), Ended("hr", Now.AddDays(-29)), Ended("crm", Now.AddDays(-40)),
        };

        var data = Builder().FromRecords(records, Request());

        Assert.Equal(Now.AddDays(-30), data.WindowStart);
        Assert.Equal(Now, data.WindowEnd);
        Assert.Equal(1, data.Plugins.Single().Runs);
    }

    [Fact]
    public void CountsTheRunsFromTheGivenStart()
    {
        var records = new[]
        {
            Ended("hr", Now.AddDays(-60)), Ended("hr", Now.AddDays(-45)), Ended("hr", Now.AddDays(-1)),
        };

        var data = Builder().FromRecords(records, Request(after: Now.AddDays(-50)));

        Assert.Equal(2, data.Plugins.Single().Runs);
    }

    [Fact]
    public void KeepsOnlyThePluginsThatMatchTheNamesOrPatterns()
    {
        var records = new[]
        {
            Ended("hr", Now.AddHours(-1)), Ended("folder-a", Now.AddHours(-1)), Ended("FOLDER-b", Now.AddHours(-1)),
            Ended("crm", Now.AddHours(-1)),
        };

        var data = Builder().FromRecords(records, Request(null, "HR", "folder*"));

        Assert.Equal(new[] { "folder-a", "FOLDER-b", "hr" }, data.Plugins.Select(p => p.PluginName));
        Assert.Equal(new[] { "HR", "folder*" }, data.Names);
    }

    [Fact]
    public void CountsDaysInTheReportsTimeZone()
    {
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("Test+2", TimeSpan.FromHours(2), "Test+2", "Test+2");
        var request = Request();
        request.TimeZone = plusTwo;
        var records = new[]
        {
            Ended("hr", new DateTime(2025, 3, 8, 21, 30, 0, DateTimeKind.Utc)),
            Ended("hr", new DateTime(2025, 3, 8, 22, 30, 0, DateTimeKind.Utc), SyncStatus.Failed),
        };

        var days = Builder().FromRecords(records, request).Daily.Single().Days;

        Assert.Equal(new[] { new DateTime(2025, 3, 8), new DateTime(2025, 3, 9) }, days.Select(d => d.Day));
        Assert.Equal((1, 0), (days[0].Successes, days[0].Failures));
        Assert.Equal((0, 1), (days[1].Successes, days[1].Failures));
    }

    [Fact]
    public void ListsTheNewestFailuresFirstUpToTheLimitAndCountsThemAll()
    {
        var records = Enumerable.Range(1, 5)
            .Select(i => Ended("hr", Now.AddHours(-i), SyncStatus.Failed, error: $"failure {i}"))
            .Append(Ended("hr", Now.AddMinutes(-1)))
            .ToList();
        var request = Request();
        request.FailureLimit = 3;

        var data = Builder().FromRecords(records, request);

        Assert.Equal(new[] { "failure 1", "failure 2", "failure 3" }, data.RecentFailures.Select(f => f.ErrorMessage));
        Assert.Equal(5, data.FailureCount);
        Assert.Equal(records[0].Id, data.RecentFailures[0].HistoryId);
        Assert.Equal(SyncStatus.Failed, data.RecentFailures[0].Status);
    }

    [Fact]
    public void MasksEveryKnownSecretInFailureMessages()
    {
        var records = new[]
        {
            Ended("hr", Now.AddHours(-1), SyncStatus.Failed, error: "401 for key sk-live-123 and token tok&<9>"),
        };

        var failure = Builder("sk-live-123", "tok&<9>").FromRecords(records, Request()).RecentFailures.Single();

        Assert.Equal($"401 for key {SecretMasker.Mask} and token {SecretMasker.Mask}", failure.ErrorMessage);
    }

    [Fact]
    public void MasksALongMessageBeforeCuttingItSoNoPartOfASecretShows()
    {
        const string secret = "SECRET-VALUE-THAT-SPANS-THE-CUT";
        var message = new string('x', ReportDataBuilder.MessageLimit - 10) + secret + " tail";
        var records = new[] { Ended("hr", Now.AddHours(-1), SyncStatus.Failed, error: message) };

        var shown = Builder(secret).FromRecords(records, Request()).RecentFailures.Single().ErrorMessage;

        Assert.DoesNotContain("SECRET", shown);
        Assert.Contains("[cut:", shown);
        Assert.True(shown.Length < message.Length + 60);
    }

    [Fact]
    public void RefusesAStartThatIsNotBeforeTheTimeTheReportIsMade()
    {
        var error = Assert.Throws<PluginSyncException>(
            () => Builder().FromRecords(Array.Empty<HistoryRecord>(), Request(after: Now.AddMinutes(1))));

        Assert.Equal("ReportWindowInvalid", error.ErrorId);
        Assert.Equal(PluginSyncErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("2025-03-10T12:01:00", error.Message);
    }

    [Fact]
    public void RefusesAFailureLimitBelowOne()
    {
        var request = Request();
        request.FailureLimit = 0;

        var error = Assert.Throws<PluginSyncException>(() => Builder().Build(null, request));

        Assert.Equal("ReportFailureLimitInvalid", error.ErrorId);
        Assert.Contains("(0)", error.Message);
    }

    [Fact]
    public void ReportsNoStoreAndNoRunsWithoutAHistory()
    {
        var data = Builder().Build(null, Request());

        Assert.False(data.StoreExists);
        Assert.Equal("store.db", data.StorePath);
        Assert.Empty(data.Plugins);
        Assert.Empty(data.Daily);
        Assert.Empty(data.RecentFailures);
    }

    [Fact]
    public void ReadsTheWindowsRecordsOfTheChosenPluginsFromTheStore()
    {
        using var test = new TestStore();
        var now = DateTime.UtcNow;
        HistorySeeder.AddEnded(test.Store, "example", now.AddDays(-40), SyncStatus.Completed);
        HistorySeeder.AddEnded(test.Store, "example", now.AddDays(-2), SyncStatus.Completed);
        HistorySeeder.AddEnded(test.Store, "example", now.AddDays(-1), SyncStatus.Failed, error: "boom");
        HistorySeeder.AddEnded(test.Store, "folder", now.AddDays(-1), SyncStatus.Completed);
        var request = new ReportRequest { GeneratedAt = now, StorePath = test.Store.FilePath };
        request.Names.Add("ex*");

        var data = Builder().Build(test.Store.History, request);

        Assert.True(data.StoreExists);
        var row = data.Plugins.Single();
        Assert.Equal(("example", 2, 1, 1), (row.PluginName, row.Runs, row.Successes, row.Failures));
        Assert.Equal("boom", data.RecentFailures.Single().ErrorMessage);
    }
}
