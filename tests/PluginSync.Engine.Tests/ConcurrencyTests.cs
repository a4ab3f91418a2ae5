using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Execution;
using PluginSync.Engine.History;
using PluginSync.Engine.Storage;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>Runs that overlap, through two stores opened on the same folder as two processes would.</summary>
public sealed class ConcurrencyTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task TwoRunsStartedAtOnceGetTheirOwnRecordsWithTheirOwnOutcomes()
    {
        var rendezvous = new Rendezvous(2);
        var first = _test.Add(new BarrierPlugin(rendezvous, "barrier-a"));
        var second = _test.Add(new BarrierPlugin(rendezvous, "barrier-b"));
        _test.Configure(first.Name);
        _test.Configure(second.Name);
        using var storeA = SyncStore.Open(_test.Folder);
        using var storeB = SyncStore.Open(_test.Folder);

        var results = await Task.WhenAll(
            new SyncExecutor(storeA, _test.Registry).RunAsync(first.Name, null, default),
            new SyncExecutor(storeB, _test.Registry).RunAsync(second.Name, null, default));

        Assert.True(rendezvous.AllArrived.IsCompletedSuccessfully, "The two runs were never running together.");
        Assert.Single(results, r => r.Success);
        Assert.Single(results, r => r.ErrorType == SyncErrorType.ExecutionError);
        Assert.Equal(2, results.Select(r => r.SyncHistoryId).Distinct().Count());
        foreach (var result in results)
        {
            var record = _test.Store.History.Get(result.SyncHistoryId!.Value)!;
            Assert.Equal(result.PluginName, record.PluginName);
            Assert.Equal(result.Success ? SyncStatus.Completed : SyncStatus.Failed, record.Status);
            Assert.Equal(result.Status, record.Status);
            Assert.Equal(result.Error, record.ErrorMessage);
            Assert.Equal(result.SyncHistoryId, result.Data["HistoryId"]);
        }
    }

    [Fact]
    public async Task TwoRunsOfOnePluginStartedAtOnceRunItOnceAndSkipTheOther()
    {
        var plugin = _test.Add(new SlowPlugin());
        _test.Configure(plugin.Name);
        using var storeA = SyncStore.Open(_test.Folder);
        using var storeB = SyncStore.Open(_test.Folder);

        var runs = new[]
        {
            new SyncExecutor(storeA, _test.Registry).RunAsync(plugin.Name, null, default),
            new SyncExecutor(storeB, _test.Registry).RunAsync(plugin.Name, null, default),
        };
        await plugin.Started.WaitAsync(Patience);
        var skipped = await (await Task.WhenAny(runs).WaitAsync(Patience));
        plugin.Release();
        var results = await Task.WhenAll(runs).WaitAsync(Patience);

        var ran = results.Single(r => r != skipped);
        Assert.True(ran.Success, ran.Error);
        Assert.Equal(SyncErrorType.AlreadyRunning, skipped.ErrorType);
        Assert.Null(skipped.SyncHistoryId);
        Assert.Null(skipped.Status);
        Assert.Contains($"history record {ran.SyncHistoryId}", skipped.Error);
        Assert.Equal(SyncBucket.Skipped, SyncSummary.BucketOf(skipped.ErrorType));
        Assert.Equal(1, plugin.Runs);
        var record = Assert.Single(_test.AllHistory());
        Assert.Equal(ran.SyncHistoryId, record.Id);
        Assert.Equal(SyncStatus.Completed, record.Status);
    }

    [Fact]
    public async Task ThePluginRunsAgainOnceTheFirstRunHasEnded()
    {
        var plugin = _test.Add(new SlowPlugin());
        _test.Configure(plugin.Name);
        plugin.Release();

        var first = await _test.RunAsync(plugin.Name);
        var second = await _test.RunAsync(plugin.Name);

        Assert.True(first.Success, first.Error);
        Assert.True(second.Success, second.Error);
        Assert.NotEqual(first.SyncHistoryId, second.SyncHistoryId);
    }

    [Fact]
    public async Task RunsOfDifferentPluginsThroughOneStoreAtOnceAllComplete()
    {
        var plugins = Enumerable.Range(0, 4)
            .Select(i => _test.Add(new RecordingPlugin(name: $"parallel-{i}")))
            .ToList();
        foreach (var plugin in plugins)
        {
            _test.Configure(plugin.Name, credentials: new Dictionary<string, string?> { ["api_key"] = "k-value" });
        }

        var results = await Task.WhenAll(plugins.Select(p => _test.RunAsync(p.Name)));

        Assert.All(results, r => Assert.True(r.Success, r.Error));
        Assert.Equal(4, results.Select(r => r.SyncHistoryId).Distinct().Count());
        Assert.All(_test.AllHistory(), r => Assert.Equal(SyncStatus.Completed, r.Status));
    }

    [Fact]
    public async Task AChangeMadeWhileAnotherIsHalfWayIsKept()
    {
        var plugin = new GatedSettingPlugin();
        _test.Add(plugin);
        plugin.Value.Gate.Set();
        _test.Configure("gated", enabled: false);
        plugin.Value.Gate.Reset();
        plugin.Value.Reached.Reset();
        using var storeA = SyncStore.Open(_test.Folder);
        using var storeB = SyncStore.Open(_test.Folder);

        // A reads the configuration, then waits at the gate before writing it back with mode = on.
        var slow = Task.Run(() => new ConfigurationService(storeA, _test.Registry)
            .Set("gated", TestStore.Update(settings: new Dictionary<string, object?> { ["mode"] = "on" })));
        Assert.True(plugin.Value.Reached.Wait(Patience), "The first change never reached the gate.");

        // B enables the plugin meanwhile; it must wait for A instead of being overwritten by A's older copy.
        var quick = Task.Run(() => new ConfigurationService(storeB, _test.Registry).SetEnabled("gated", true));
        await Task.WhenAny(quick, Task.Delay(TimeSpan.FromMilliseconds(500)));
        plugin.Value.Gate.Set();
        await Task.WhenAll(slow, quick).WaitAsync(Patience);

        var final = _test.Store.Configurations.Find("gated")!;
        Assert.True(final.Enabled, "The change made while another was half-way was lost.");
        Assert.Equal("on", final.Settings["mode"]);
    }
}
