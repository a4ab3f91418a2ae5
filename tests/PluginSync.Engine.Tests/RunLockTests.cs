using System;
using System.Linq;
using System.Threading.Tasks;
using PluginSync.Engine.Execution;
using PluginSync.Engine.History;
using PluginSync.Engine.Locking;
using PluginSync.Engine.Storage;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>Run locks kept in the store, their heartbeats, and the recovery of runs whose process stopped.</summary>
public sealed class RunLockTests : IDisposable
{
    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    private RunLockService Locks => new(_test.Store, _test.Store.Options);

    [Fact]
    public void AStaleRunOfAnotherHostIsClosedAsAbandonedByTheNextOpenAndItsLockIsFreed()
    {
        var lease = TakeLock("example");
        HistorySeeder.MoveToAnotherHost(_test.Store, lease.HistoryId);
        HistorySeeder.Backdate(_test.Store, lease.HistoryId, TimeSpan.FromMinutes(10));

        using var reopened = SyncStore.Open(_test.Folder);

        var recovered = Assert.Single(reopened.RecoveredRuns);
        Assert.Equal(lease.HistoryId, recovered.Id);
        Assert.Equal(SyncStatus.Abandoned, recovered.Status);
        var record = reopened.History.Get(lease.HistoryId)!;
        Assert.Equal(SyncStatus.Abandoned, record.Status);
        Assert.NotNull(record.EndTime);
        Assert.Contains("abandoned", record.ErrorMessage);
        Assert.NotNull(new RunLockService(reopened, reopened.Options).TryStart("example").Lease);
    }

    [Fact]
    public async Task ALiveRunIsNotAbandonedAndTheNextRunIsSkipped()
    {
        _test.ConfigureExample();
        var lease = TakeLock("example");

        using var reopened = SyncStore.Open(_test.Folder);
        var result = await new SyncExecutor(reopened, _test.Registry).RunAsync("example", null, default);

        Assert.Empty(reopened.RecoveredRuns);
        Assert.Equal(SyncErrorType.AlreadyRunning, result.ErrorType);
        Assert.Contains($"history record {lease.HistoryId}", result.Error);
        Assert.Equal(SyncStatus.Running, reopened.History.Get(lease.HistoryId)!.Status);
        Assert.Single(reopened.History.Find(new HistoryQuery()));
    }

    [Fact]
    public async Task ARunTakesOverTheLockOfAStaleRunOfAnotherHost()
    {
        _test.ConfigureExample();
        var lease = TakeLock("example");
        HistorySeeder.MoveToAnotherHost(_test.Store, lease.HistoryId);
        HistorySeeder.Backdate(_test.Store, lease.HistoryId, TimeSpan.FromMinutes(10));

        var result = await _test.RunAsync("example");

        Assert.True(result.Success, result.Error);
        Assert.Equal(SyncStatus.Abandoned, _test.Store.History.Get(lease.HistoryId)!.Status);
        Assert.Equal(SyncStatus.Completed, _test.Store.History.Get(result.SyncHistoryId!.Value)!.Status);
    }

    [Fact]
    public void ALiveProcessOnThisHostKeepsItsRunHoweverOldItsHeartbeat()
    {
        var lease = TakeLock("example");
        HistorySeeder.Backdate(_test.Store, lease.HistoryId, TimeSpan.FromHours(1));

        using var reopened = SyncStore.Open(_test.Folder);

        Assert.Empty(reopened.RecoveredRuns);
        Assert.Equal(SyncStatus.Running, reopened.History.Get(lease.HistoryId)!.Status);
        Assert.Null(new RunLockService(reopened, reopened.Options).TryStart("example").Lease);
    }

    [Fact]
    public void AFinishAfterTheRunWasAbandonedLeavesTheRecordAbandoned()
    {
        var lease = TakeLock("example");
        HistorySeeder.MoveToAnotherHost(_test.Store, lease.HistoryId);
        HistorySeeder.Backdate(_test.Store, lease.HistoryId, TimeSpan.FromMinutes(10));
        using var reopened = SyncStore.Open(_test.Folder);
        Assert.Single(reopened.RecoveredRuns);

        var closed = Locks.Finish(lease, SyncStatus.Completed, DateTime.UtcNow, new SyncCounters(), null, 1);

        Assert.False(closed);
        Assert.Equal(SyncStatus.Abandoned, _test.Store.History.Get(lease.HistoryId)!.Status);
    }

    [Fact]
    public void ARunWhoseProcessHasEndedIsAbandonedEvenWithAFreshHeartbeat()
    {
        // No process can have this id, so the run's process is known to have ended.
        var ended = new ProcessIdentity(Environment.MachineName, int.MaxValue, DateTime.UtcNow.AddHours(-1));
        var id = HistorySeeder.AddRunning(_test.Store, "example", DateTime.UtcNow, ended);

        using var reopened = SyncStore.Open(_test.Folder);

        Assert.Equal(id, Assert.Single(reopened.RecoveredRuns).Id);
        Assert.Equal(SyncStatus.Abandoned, reopened.History.Get(id)!.Status);
    }

    [Fact]
    public void ARunOnAnotherHostWithAFreshHeartbeatIsLeftRunning()
    {
        var elsewhere = new ProcessIdentity("another-host-" + Guid.NewGuid().ToString("N"), 1, DateTime.UtcNow);
        var id = HistorySeeder.AddRunning(_test.Store, "example", DateTime.UtcNow, elsewhere);

        using var reopened = SyncStore.Open(_test.Folder);

        Assert.Empty(reopened.RecoveredRuns);
        Assert.Equal(SyncStatus.Running, reopened.History.Get(id)!.Status);
    }

    [Fact]
    public void ARunOnAnotherHostWhoseHeartbeatStoppedIsAbandoned()
    {
        var elsewhere = new ProcessIdentity("another-host-" + Guid.NewGuid().ToString("N"), 1, DateTime.UtcNow);
        var id = HistorySeeder.AddRunning(_test.Store, "example", DateTime.UtcNow.AddMinutes(-10), elsewhere);

        using var reopened = SyncStore.Open(_test.Folder);

        Assert.Equal(id, Assert.Single(reopened.RecoveredRuns).Id);
        Assert.Contains("another-host-", reopened.History.Get(id)!.ErrorMessage);
    }

    [Fact]
    public async Task ARunningSyncKeepsItsHeartbeatFresh()
    {
        var options = new EngineOptions { StaleAfter = TimeSpan.FromMilliseconds(400) };
        using var store = SyncStore.Open(_test.Folder, options);
        var plugin = _test.Add(new SlowPlugin());
        _test.Configure(plugin.Name);

        var run = new SyncExecutor(store, _test.Registry).RunAsync(plugin.Name, null, default);
        await plugin.Started.WaitAsync(TimeSpan.FromSeconds(10));
        var id = _test.AllHistory().Single().Id;
        var beat = await WaitForHeartbeatAfterAsync(id, DateTime.UtcNow.AddMilliseconds(500));
        using var other = SyncStore.Open(_test.Folder, options);
        plugin.Release();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(beat, "The heartbeat was not refreshed while the run lasted.");
        Assert.Empty(other.RecoveredRuns);
        Assert.True(result.Success, result.Error);
        Assert.Equal(SyncStatus.Completed, _test.Store.History.Get(id)!.Status);
    }

    [Fact]
    public async Task AFinishedRunFreesItsLock()
    {
        _test.ConfigureExample();

        await _test.RunAsync("example");

        var (lease, holder, _) = Locks.TryStart("example");
        Assert.NotNull(lease);
        Assert.Null(holder);
    }

    private RunLease TakeLock(string name)
    {
        var (lease, holder, _) = Locks.TryStart(name);
        Assert.Null(holder);
        return lease!;
    }

    private async Task<bool> WaitForHeartbeatAfterAsync(long id, DateTime after)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (_test.Store.History.Get(id)!.Heartbeat > after)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
