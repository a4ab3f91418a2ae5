using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PluginSync.Engine.Execution;
using PluginSync.Engine.History;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Storage;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

public sealed class ExecutionTests : IDisposable
{
    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Theory]
    [InlineData("no-such-plugin")]
    [InlineData("")]
    [InlineData("../example")]
    public async Task ReturnsNotFoundForAnUnknownPluginAndEchoesTheName(string name)
    {
        var result = await _test.RunAsync(name);

        Assert.False(result.Success);
        Assert.Equal(SyncErrorType.NotFound, result.ErrorType);
        Assert.Equal(name, result.PluginName);
        Assert.Null(result.SyncHistoryId);
        Assert.Null(result.Status);
        Assert.Contains($"'{name}'", result.Error);
        Assert.Empty(_test.AllHistory());
    }

    [Fact]
    public async Task NamesTheKnownPluginsWhenThePluginIsNotFound()
    {
        var result = await _test.RunAsync("nope");

        Assert.Contains("example", result.Error);
        Assert.Contains("folder", result.Error);
    }

    [Fact]
    public async Task ReturnsNotEnabledWhenThereIsNoConfiguration()
    {
        var result = await _test.RunAsync("example");

        Assert.Equal(SyncErrorType.NotEnabled, result.ErrorType);
        Assert.Equal("example", result.PluginName);
        Assert.Null(result.SyncHistoryId);
        Assert.Empty(_test.AllHistory());
    }

    [Fact]
    public async Task ReturnsNotEnabledWhenTheConfigurationIsDisabled()
    {
        _test.ConfigureExample();
        _test.Configurations.SetEnabled("example", false);

        var result = await _test.RunAsync("example");

        Assert.Equal(SyncErrorType.NotEnabled, result.ErrorType);
        Assert.Contains("disabled", result.Error);
        Assert.Empty(_test.AllHistory());
    }

    [Fact]
    public async Task ReturnsNotConfiguredAndWritesNoHistoryWhenARequiredCredentialIsMissing()
    {
        _test.Configure("example", enabled: true);

        var result = await _test.RunAsync("example");

        Assert.Equal(SyncErrorType.NotConfigured, result.ErrorType);
        Assert.Contains("api_key", result.Error);
        Assert.Null(result.SyncHistoryId);
        Assert.Empty(_test.AllHistory());
    }

    [Fact]
    public async Task ReturnsNotConfiguredWhenARequiredSettingIsMissing()
    {
        _test.Configure("folder", enabled: true);

        var result = await _test.RunAsync("folder");

        Assert.Equal(SyncErrorType.NotConfigured, result.ErrorType);
        Assert.Contains("Source", result.Error);
        Assert.Contains("Destination", result.Error);
        Assert.Empty(_test.AllHistory());
    }

    [Fact]
    public async Task ReturnsNotConfiguredWhenTheCredentialWasEncryptedWithAnotherKey()
    {
        _test.ConfigureExample(apiKey: "value-under-the-old-key");
        _test.Store.Dispose();
        var keyFile = Path.Combine(_test.Folder, MasterKeyProvider.KeyFileName);
        File.WriteAllText(keyFile, "plain1:" + MasterKeyProvider.NewEncodedKey());
        using var reopened = SyncStore.Open(_test.Folder);

        var result = await new SyncExecutor(reopened, _test.Registry).RunAsync("example", null, default);

        Assert.Equal(SyncErrorType.NotConfigured, result.ErrorType);
        Assert.Contains("is not the key the store's credentials were encrypted with", result.Error);
        Assert.Contains(keyFile, result.Error);
        Assert.DoesNotContain("value-under-the-old-key", result.Error);
        Assert.Empty(reopened.History.Find(new HistoryQuery()));
    }

    [Fact]
    public async Task RunsAConfiguredExampleAndClosesExactlyOneRecordAsCompleted()
    {
        _test.ConfigureExample();
        var before = _test.AllHistory().Count;

        var result = await _test.RunAsync("example");

        var records = _test.AllHistory();
        Assert.Equal(before + 1, records.Count);
        var record = records.Single();
        Assert.True(result.Success, result.Error);
        Assert.Equal(SyncErrorType.None, result.ErrorType);
        Assert.Equal(SyncStatus.Completed, result.Status);
        Assert.Equal(SyncStatus.Completed, record.Status);
        Assert.Equal(record.Id, result.SyncHistoryId);
        Assert.Equal("example", record.PluginName);
        Assert.NotNull(record.EndTime);
        Assert.True(record.StartTime <= record.EndTime, $"{record.StartTime:O} is after {record.EndTime:O}");
        Assert.True(record.Duration < TimeSpan.FromSeconds(30), $"The run took {record.Duration}.");
        Assert.True(result.Duration >= TimeSpan.Zero && result.Duration < TimeSpan.FromSeconds(30));
        Assert.Null(record.ErrorMessage);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task CopiesTheCountersIntoTheResultAndTheRecord()
    {
        _test.ConfigureExample();

        var result = await _test.RunAsync("example");

        var record = _test.Store.History.Get(result.SyncHistoryId!.Value)!;
        Assert.Equal(25, result.Processed);
        Assert.Equal(25, result.Created);
        Assert.Equal(0, result.Skipped);
        Assert.Equal(
            (result.Processed, result.Created, result.Updated, result.Deleted, result.Failed, result.Skipped),
            (record.Processed, record.Created, record.Updated, record.Deleted, record.Failed, record.Skipped));
    }

    [Fact]
    public async Task RecordsTheHostUserAndProcessOfTheRun()
    {
        _test.ConfigureExample();

        var result = await _test.RunAsync("example");

        var record = _test.Store.History.Get(result.SyncHistoryId!.Value)!;
        Assert.Equal(Environment.MachineName, record.Host);
        Assert.Equal(Environment.UserName, record.User);
        Assert.Equal(Environment.ProcessId, record.ProcessId);
    }

    [Fact]
    public async Task WritesARunningRecordBeforeThePluginStartsAndHandsItsIdToThePlugin()
    {
        var plugin = _test.Add(new RecordingPlugin(_test.Store));
        _test.Configure(plugin.Name, credentials: new Dictionary<string, string?> { ["api_key"] = "k-value" });

        var result = await _test.RunAsync(plugin.Name);

        Assert.True(result.Success, result.Error);
        Assert.Equal(SyncStatus.Running, plugin.SeenRecordStatus);
        Assert.Equal(result.SyncHistoryId, plugin.SeenHistoryId);
        Assert.Equal(plugin.Name, plugin.SeenPluginName);
    }

    [Fact]
    public async Task ReturnsExecutionErrorWithTheMessageWhenThePluginThrows()
    {
        var plugin = _test.Add(new ThrowingPlugin("The remote system refused the batch."));
        _test.Configure(plugin.Name);

        var result = await _test.RunAsync(plugin.Name);

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Equal("The remote system refused the batch.", result.Error);
        Assert.Equal(SyncStatus.Failed, result.Status);
        var record = _test.AllHistory().Single();
        Assert.Equal(result.SyncHistoryId, record.Id);
        Assert.Equal(SyncStatus.Failed, record.Status);
        Assert.Equal("The remote system refused the batch.", record.ErrorMessage);
        Assert.Equal(1, record.Processed);
    }

    [Fact]
    public async Task ReturnsExecutionErrorWhenThePluginReportsFailure()
    {
        var data = new Dictionary<string, object?> { ["Remaining"] = 7 };
        var plugin = _test.Add(new FixedOutcomePlugin(SyncOutcome.Failed("Quota exceeded.", data)));
        _test.Configure(plugin.Name);

        var result = await _test.RunAsync(plugin.Name);

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Equal("Quota exceeded.", result.Error);
        Assert.Equal(7, result.Data["Remaining"]);
        Assert.Equal("Quota exceeded.", _test.AllHistory().Single().ErrorMessage);
    }

    [Fact]
    public async Task ReturnsExecutionErrorWhenThePluginReturnsNoOutcome()
    {
        var plugin = _test.Add(new FixedOutcomePlugin(null));
        _test.Configure(plugin.Name);

        var result = await _test.RunAsync(plugin.Name);

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains("no outcome", result.Error);
        Assert.Equal(SyncStatus.Failed, _test.AllHistory().Single().Status);
    }

    [Fact]
    public async Task ReturnsExecutionErrorWhenThePluginCancelsItselfWithoutTheRunBeingCancelled()
    {
        var plugin = _test.Add(new ThrowingPlugin(new OperationCanceledException("HTTP timeout")));
        _test.Configure(plugin.Name);

        var result = await _test.RunAsync(plugin.Name);

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Equal(SyncStatus.Failed, _test.AllHistory().Single().Status);
    }

    [Fact]
    public async Task ReturnsThePluginsNoteAndDataOnSuccess()
    {
        var data = new Dictionary<string, object?> { ["Pages"] = 3L };
        var plugin = _test.Add(new FixedOutcomePlugin(SyncOutcome.Succeeded(data, "All pages read.")));
        _test.Configure(plugin.Name);

        var result = await _test.RunAsync(plugin.Name);

        Assert.True(result.Success);
        Assert.Equal("All pages read.", result.Message);
        Assert.Equal(3L, result.Data["Pages"]);
    }

    [Fact]
    public async Task HandsThePluginItsCredentialAndBatchSizeAsALong()
    {
        var plugin = _test.Add(new RecordingPlugin());
        _test.Configure(
            plugin.Name,
            settings: new Dictionary<string, object?> { ["batch_size"] = 100 },
            credentials: new Dictionary<string, string?> { ["api_key"] = "the-api-key" });

        await _test.RunAsync(plugin.Name);

        Assert.Equal("the-api-key", plugin.SeenCredentials["api_key"]);
        var batchSize = Assert.IsType<long>(plugin.SeenSettings["batch_size"]);
        Assert.Equal(100L, batchSize);
    }

    [Fact]
    public async Task HandsThePluginBatchSizeAsALongWhenItWasSetFromText()
    {
        var plugin = _test.Add(new RecordingPlugin());
        _test.Configure(
            plugin.Name,
            settings: new Dictionary<string, object?> { ["batch_size"] = "100" },
            credentials: new Dictionary<string, string?> { ["api_key"] = "the-api-key" });

        await _test.RunAsync(plugin.Name);

        Assert.Equal(100L, Assert.IsType<long>(plugin.SeenSettings["batch_size"]));
    }

    [Fact]
    public async Task HandsThePluginTheDeclaredDefaultWhenTheSettingIsNotSet()
    {
        var plugin = _test.Add(new RecordingPlugin());
        _test.Configure(plugin.Name, credentials: new Dictionary<string, string?> { ["api_key"] = "k-value" });

        await _test.RunAsync(plugin.Name);

        Assert.Equal(100L, Assert.IsType<long>(plugin.SeenSettings["batch_size"]));
    }

    [Fact]
    public async Task FindsThePluginWithoutRegardToCase()
    {
        _test.ConfigureExample();

        var result = await _test.RunAsync("EXAMPLE");

        Assert.True(result.Success, result.Error);
        Assert.Equal("example", result.PluginName);
    }
}
