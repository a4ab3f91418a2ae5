using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PluginSync.Engine.Execution;
using PluginSync.Engine.History;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

public sealed class CancellationTests : IDisposable
{
    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task CancellingARunningPluginGivesCancelledAndClosesTheRecordAsCancelled()
    {
        var plugin = _test.Add(new SlowPlugin());
        _test.Configure(plugin.Name);
        using var cancellation = new CancellationTokenSource();

        var run = _test.RunAsync(plugin.Name, cancellationToken: cancellation.Token);
        await plugin.Started.WaitAsync(TimeSpan.FromSeconds(10));
        cancellation.Cancel();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(SyncErrorType.Cancelled, result.ErrorType);
        Assert.Equal(SyncStatus.Cancelled, result.Status);
        Assert.False(result.Success);
        var record = _test.AllHistory().Single();
        Assert.Equal(result.SyncHistoryId, record.Id);
        Assert.Equal(SyncStatus.Cancelled, record.Status);
        Assert.NotNull(record.EndTime);
        Assert.Equal(1, record.Processed);
    }

    [Fact]
    public async Task ACancelledRunDoesNotSaveItsState()
    {
        var plugin = _test.Add(new SlowPlugin());
        _test.Configure(plugin.Name);
        using var cancellation = new CancellationTokenSource();

        var run = _test.RunAsync(plugin.Name, cancellationToken: cancellation.Token);
        await plugin.Started.WaitAsync(TimeSpan.FromSeconds(10));
        cancellation.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(_test.Store.States.Get(plugin.Name));
    }

    [Fact]
    public async Task ARunCancelledBeforeItStartsIsRecordedAsCancelled()
    {
        var plugin = _test.Add(new SlowPlugin());
        _test.Configure(plugin.Name);

        var result = await _test.RunAsync(plugin.Name, cancellationToken: new CancellationToken(canceled: true));

        Assert.Equal(SyncErrorType.Cancelled, result.ErrorType);
        Assert.Equal(SyncStatus.Cancelled, _test.AllHistory().Single().Status);
    }

    [Fact]
    public async Task AReleasedSlowRunCompletes()
    {
        var plugin = _test.Add(new SlowPlugin());
        _test.Configure(plugin.Name);

        var run = _test.RunAsync(plugin.Name);
        await plugin.Started.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(SyncStatus.Running, _test.AllHistory().Single().Status);
        plugin.Release();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(result.Success, result.Error);
        Assert.Equal(SyncStatus.Completed, _test.AllHistory().Single().Status);
        Assert.Equal(plugin.StateSetWhileRunning, _test.Store.States.Get(plugin.Name));
    }

    [Fact]
    public async Task APluginThatIgnoresCancellationIsLeftBehindAndTheRunStillEnds()
    {
        var plugin = _test.Add(new StubbornPlugin());
        _test.Configure(plugin.Name);
        using var cancellation = new CancellationTokenSource();

        try
        {
            var run = _test.RunAsync(plugin.Name, cancellationToken: cancellation.Token);
            await plugin.Started.WaitAsync(TimeSpan.FromSeconds(10));
            cancellation.Cancel();
            var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(SyncErrorType.Cancelled, result.ErrorType);
            Assert.Equal(SyncStatus.Cancelled, _test.AllHistory().Single().Status);
        }
        finally
        {
            plugin.Release();
        }
    }
}
