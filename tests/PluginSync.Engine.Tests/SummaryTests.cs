using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Execution;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>Running every enabled plugin, and the summary of the results.</summary>
public sealed class SummaryTests : IDisposable
{
    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public void EnabledPluginNamesIsEmptyWhenNothingIsConfigured()
    {
        Assert.Empty(_test.Executor.EnabledPluginNames());
    }

    [Fact]
    public void EnabledPluginNamesIsEmptyWhenEveryConfigurationIsDisabled()
    {
        _test.Configure("example", enabled: false);
        _test.Configure("folder", enabled: false);

        Assert.Empty(_test.Executor.EnabledPluginNames());
    }

    [Fact]
    public void EnabledPluginNamesHoldsOnlyTheEnabledConfiguration()
    {
        _test.ConfigureExample();
        _test.Configure("folder", enabled: false);

        Assert.Equal(new[] { "example" }, _test.Executor.EnabledPluginNames());
    }

    [Fact]
    public void EnabledPluginNamesAreOrderedByName()
    {
        _test.Add(new RecordingPlugin(name: "Zulu"));
        _test.Add(new RecordingPlugin(name: "alpha"));
        _test.Add(new RecordingPlugin(name: "Mike"));
        foreach (var name in new[] { "Zulu", "alpha", "Mike" })
        {
            _test.Configure(name);
        }

        Assert.Equal(new[] { "alpha", "Mike", "Zulu" }, _test.Executor.EnabledPluginNames());
    }

    [Fact]
    public async Task RunningAllWithNothingEnabledGivesAnEmptySummary()
    {
        var summary = await RunAllAsync(_test.Executor);

        Assert.Equal(0, summary.Total);
        Assert.Equal(0, summary.Successful + summary.Failed + summary.Skipped);
        Assert.Equal(TimeSpan.Zero, summary.Duration);
    }

    [Fact]
    public async Task RunningAllGivesOneResultPerEnabledConfiguration()
    {
        _test.ConfigureExample();
        _test.Configure("folder", enabled: false);

        var summary = await RunAllAsync(_test.Executor);

        var result = Assert.Single(summary.Results);
        Assert.Equal("example", result.PluginName);
        Assert.Equal((1, 1, 0, 0), (summary.Total, summary.Successful, summary.Failed, summary.Skipped));
    }

    [Fact]
    public async Task ASummaryOfMixedResultsAddsUp()
    {
        _test.ConfigureExample();
        _test.Configure("folder", enabled: true);
        var thrower = _test.Add(new ThrowingPlugin("broken"));
        _test.Configure(thrower.Name);
        _test.Add(new RecordingPlugin());

        var results = new List<SyncResult>();
        foreach (var name in new[] { "example", "folder", thrower.Name, "recorder", "missing" })
        {
            results.Add(await _test.RunAsync(name));
        }

        var summary = new SyncSummary(results);

        Assert.Equal(
            new[]
            {
                SyncErrorType.None, SyncErrorType.NotConfigured, SyncErrorType.ExecutionError,
                SyncErrorType.NotEnabled, SyncErrorType.NotFound,
            },
            summary.Results.Select(r => r.ErrorType));
        Assert.Equal(5, summary.Total);
        Assert.Equal(1, summary.Successful);
        Assert.Equal(3, summary.Failed);
        Assert.Equal(1, summary.Skipped);
        Assert.Equal(summary.Total, summary.Successful + summary.Failed + summary.Skipped);
    }

    [Fact]
    public async Task AConfiguredPluginWhoseCodeIsMissingIsNotFoundAndCountsAsFailed()
    {
        var withGhost = PluginRegistry.CreateDefault();
        withGhost.Add(new RecordingPlugin(name: "ghost"), PluginKind.Assembly, "test");
        new ConfigurationService(_test.Store, withGhost).Set(
            "ghost", TestStore.Update(true, credentials: new Dictionary<string, string?> { ["api_key"] = "k-value" }));
        _test.ConfigureExample();

        // The default registry has no plugin named ghost, as when a plugin directory was removed.
        var executor = new SyncExecutor(_test.Store, PluginRegistry.CreateDefault());
        var summary = await RunAllAsync(executor);

        Assert.Equal(new[] { "example", "ghost" }, summary.Results.Select(r => r.PluginName));
        var ghost = summary.Results.Single(r => r.PluginName == "ghost");
        Assert.Equal(SyncErrorType.NotFound, ghost.ErrorType);
        Assert.Equal(SyncBucket.Failed, SyncSummary.BucketOf(ghost.ErrorType));
        Assert.Equal((2, 1, 1, 0), (summary.Total, summary.Successful, summary.Failed, summary.Skipped));
    }

    [Theory]
    [InlineData(SyncErrorType.None, SyncBucket.Successful)]
    [InlineData(SyncErrorType.NotEnabled, SyncBucket.Skipped)]
    [InlineData(SyncErrorType.AlreadyRunning, SyncBucket.Skipped)]
    [InlineData(SyncErrorType.TimedOut, SyncBucket.Failed)]
    [InlineData(SyncErrorType.NotFound, SyncBucket.Failed)]
    [InlineData(SyncErrorType.NotConfigured, SyncBucket.Failed)]
    [InlineData(SyncErrorType.ExecutionError, SyncBucket.Failed)]
    [InlineData(SyncErrorType.Cancelled, SyncBucket.Failed)]
    public void PutsEachErrorTypeInItsDocumentedBucket(SyncErrorType errorType, SyncBucket expected)
    {
        Assert.Equal(expected, SyncSummary.BucketOf(errorType));
    }

    [Fact]
    public void EveryErrorTypeLandsInExactlyOneBucketSoTheTotalsAlwaysAddUp()
    {
        var results = Enum.GetValues<SyncErrorType>()
            .Select(e => new SyncResult { ErrorType = e, PluginName = e.ToString() })
            .ToList();

        var summary = new SyncSummary(results);

        Assert.Equal(results.Count, summary.Total);
        Assert.Equal(summary.Total, summary.Successful + summary.Failed + summary.Skipped);
    }

    [Fact]
    public void TheDurationRunsFromTheFirstStartToTheLastEnd()
    {
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var results = new[]
        {
            new SyncResult { StartTime = start.AddSeconds(5), EndTime = start.AddSeconds(20) },
            new SyncResult { StartTime = start, EndTime = start.AddSeconds(10) },
        };

        var summary = new SyncSummary(results);

        Assert.Equal(TimeSpan.FromSeconds(20), summary.Duration);
    }

    /// <summary>What running every enabled plugin does: one run per enabled configuration, then a summary.</summary>
    private static async Task<SyncSummary> RunAllAsync(SyncExecutor executor)
    {
        var results = new List<SyncResult>();
        foreach (var name in executor.EnabledPluginNames())
        {
            results.Add(await executor.RunAsync(name, null, default));
        }

        return new SyncSummary(results);
    }
}
