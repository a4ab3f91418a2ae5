using System;
using System.Linq;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Execution;
using PluginSync.Engine.History;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>Runs that take longer than their timeout. Each test waits out a one-second timeout.</summary>
public sealed class TimeoutTests : IDisposable
{
    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task ARunLongerThanTheTimeoutGivenForItIsTimedOut()
    {
        var plugin = _test.Add(new SlowPlugin());
        _test.Configure(plugin.Name);
        var options = new SyncRunOptions { TimeoutSeconds = 1 };

        var result = await _test.Executor.RunAsync(plugin.Name, options, null, default)
            .WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(SyncErrorType.TimedOut, result.ErrorType);
        Assert.Equal(SyncStatus.TimedOut, result.Status);
        Assert.Contains("timed out", result.Error);
        var record = Assert.Single(_test.AllHistory());
        Assert.Equal(SyncStatus.TimedOut, record.Status);
        Assert.Null(_test.Store.States.Get(plugin.Name));
        Assert.Equal(SyncBucket.Failed, SyncSummary.BucketOf(result.ErrorType));
    }

    [Fact]
    public async Task ARunLongerThanItsConfiguredTimeoutIsTimedOut()
    {
        var plugin = _test.Add(new SlowPlugin());
        _test.Configure(plugin.Name);
        _test.Configurations.Set(plugin.Name, new ConfigurationUpdate { TimeoutSeconds = 1 });

        var result = await _test.RunAsync(plugin.Name).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(SyncErrorType.TimedOut, result.ErrorType);
        Assert.Equal(SyncStatus.TimedOut, _test.AllHistory().Single().Status);
    }

    [Fact]
    public async Task ARunWithinItsTimeoutCompletes()
    {
        _test.ConfigureExample();
        _test.Configurations.Set("example", new ConfigurationUpdate { TimeoutSeconds = 30 });

        var result = await _test.RunAsync("example");

        Assert.True(result.Success, result.Error);
    }
}
