using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Execution;
using PluginSync.Engine.History;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>Failing runs retried up to the configured number of attempts, in one history record.</summary>
public sealed class RetryTests : IDisposable
{
    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFailingRunIsRetriedUntilItSucceeds(bool throws)
    {
        var plugin = _test.Add(new FlakyPlugin(failures: 2, throws));
        ConfigureRetries(plugin.Name, maxAttempts: 3);
        var sink = new RecordingEventSink();

        var result = await _test.RunAsync(plugin.Name, sink);

        Assert.True(result.Success, result.Error);
        Assert.Equal(3, plugin.Attempts);
        Assert.Equal(3, result.Attempts);
        var record = Assert.Single(_test.AllHistory());
        Assert.Equal(result.SyncHistoryId, record.Id);
        Assert.Equal(SyncStatus.Completed, record.Status);
        Assert.Equal(3, record.Attempts);
        Assert.Null(record.ErrorMessage);
        Assert.Equal(2, sink.Logs.Count(l => l.Level == SyncLogLevel.Warning && l.Message.Contains("Retrying")));
    }

    [Fact]
    public async Task RetriesStopAtTheConfiguredNumberOfAttempts()
    {
        var plugin = _test.Add(new FlakyPlugin(failures: 5));
        ConfigureRetries(plugin.Name, maxAttempts: 2);

        var result = await _test.RunAsync(plugin.Name);

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Equal("Attempt 2 fails on purpose.", result.Error);
        Assert.Equal(2, plugin.Attempts);
        Assert.Equal(2, result.Attempts);
        var record = Assert.Single(_test.AllHistory());
        Assert.Equal(SyncStatus.Failed, record.Status);
        Assert.Equal(2, record.Attempts);
    }

    [Fact]
    public async Task AFailingRunIsNotRetriedByDefault()
    {
        var plugin = _test.Add(new FlakyPlugin(failures: 1));
        _test.Configure(plugin.Name);

        var result = await _test.RunAsync(plugin.Name);

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Equal(1, plugin.Attempts);
        Assert.Equal(1, _test.AllHistory().Single().Attempts);
    }

    [Fact]
    public async Task EachAttemptStartsFromTheSavedStateAndItsOwnCounters()
    {
        var plugin = _test.Add(new FlakyPlugin(failures: 2));
        ConfigureRetries(plugin.Name, maxAttempts: 3);

        var result = await _test.RunAsync(plugin.Name);

        Assert.Equal(new string?[] { null, null, null }, plugin.SeenPreviousStates);
        Assert.Equal(1L, result.Processed);
        Assert.Equal(1L, _test.AllHistory().Single().Processed);
        Assert.Equal("attempt-3", _test.Store.States.Get(plugin.Name));
    }

    [Fact]
    public async Task AConfigurationErrorIsNeverRetried()
    {
        _test.Configure("example", enabled: true);
        _test.Configurations.Set("example", new ConfigurationUpdate { MaxAttempts = 5, RetryDelaySeconds = 0 });

        var result = await _test.RunAsync("example");

        Assert.Equal(SyncErrorType.NotConfigured, result.ErrorType);
        Assert.Equal(0, result.Attempts);
        Assert.Empty(_test.AllHistory());
    }

    [Fact]
    public async Task ACancelledRunIsNotRetried()
    {
        var plugin = _test.Add(new SlowPlugin());
        ConfigureRetries(plugin.Name, maxAttempts: 3);
        using var cancellation = new CancellationTokenSource();

        var run = _test.RunAsync(plugin.Name, cancellationToken: cancellation.Token);
        await plugin.Started.WaitAsync(TimeSpan.FromSeconds(10));
        cancellation.Cancel();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(SyncErrorType.Cancelled, result.ErrorType);
        Assert.Equal(1, plugin.Runs);
        Assert.Equal(1, _test.AllHistory().Single().Attempts);
    }

    [Fact]
    public async Task ATimeoutWhileWaitingToRetryKeepsTheLastAttemptsError()
    {
        var plugin = _test.Add(new FlakyPlugin(failures: 5));
        _test.Configure(plugin.Name);
        _test.Configurations.Set(plugin.Name, new ConfigurationUpdate
        {
            MaxAttempts = 3,
            RetryDelaySeconds = 3600,
            TimeoutSeconds = 1,
        });

        var result = await _test.RunAsync(plugin.Name);

        Assert.Equal(SyncErrorType.TimedOut, result.ErrorType);
        Assert.Contains("timed out after 1 s", result.Error);
        Assert.Contains("Attempt 1 fails on purpose.", result.Error);
        Assert.Equal(result.Error, _test.Store.History.Get(result.SyncHistoryId!.Value)!.ErrorMessage);
    }

    private void ConfigureRetries(string name, int maxAttempts)
    {
        _test.Configure(name);
        _test.Configurations.Set(name, new ConfigurationUpdate { MaxAttempts = maxAttempts, RetryDelaySeconds = 0 });
    }
}
