using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PluginSync.Engine.Execution;
using PluginSync.Engine.History;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>A credential value never appears in clear: not in the store's files, results, records or events.</summary>
public sealed class SecretMaskingTests : IDisposable
{
    private const string Secret = "PLANTED-s3cr3t-7f1e";

    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public void AStoredCredentialIsNotInAnyStoreFile()
    {
        _test.ConfigureExample(apiKey: Secret);

        AssertNotInStoreFiles();
        _test.Store.Dispose();
        AssertNotInStoreFiles();
    }

    [Fact]
    public void AConfigurationShowsCredentialsByKeyNameOnly()
    {
        var configuration = _test.ConfigureExample(apiKey: Secret);
        var reread = _test.Store.Configurations.Find("example")!;

        Assert.Equal(new[] { "api_key" }, configuration.CredentialKeys);
        Assert.Equal(new[] { "api_key" }, reread.CredentialKeys);
        Assert.DoesNotContain(Secret, reread.ProtectedCredentials["api_key"]);
    }

    [Theory]
    [InlineData(SecretLeakingPlugin.Leak.Log)]
    [InlineData(SecretLeakingPlugin.Leak.Progress)]
    [InlineData(SecretLeakingPlugin.Leak.FailureMessage)]
    [InlineData(SecretLeakingPlugin.Leak.Exception)]
    [InlineData(SecretLeakingPlugin.Leak.Data)]
    [InlineData(SecretLeakingPlugin.Leak.SuccessMessage)]
    public async Task ASecretThePluginLeaksIsMaskedEverywhere(SecretLeakingPlugin.Leak leak)
    {
        var plugin = _test.Add(new SecretLeakingPlugin(leak));
        _test.Configure(plugin.Name, credentials: new Dictionary<string, string?> { ["api_key"] = Secret });
        var sink = new RecordingEventSink();

        var result = await _test.RunAsync(plugin.Name, sink);

        Assert.NotNull(result.SyncHistoryId);
        AssertNotInResult(result);
        AssertNotInRecord(_test.Store.History.Get(result.SyncHistoryId!.Value)!);
        Assert.All(sink.AllText, text => Assert.DoesNotContain(Secret, text));
        AssertNotInStoreFiles();
        _test.Store.Dispose();
        AssertNotInStoreFiles();
    }

    [Theory]
    [InlineData(SecretLeakingPlugin.Leak.Log)]
    [InlineData(SecretLeakingPlugin.Leak.Progress)]
    [InlineData(SecretLeakingPlugin.Leak.FailureMessage)]
    [InlineData(SecretLeakingPlugin.Leak.Exception)]
    [InlineData(SecretLeakingPlugin.Leak.Data)]
    [InlineData(SecretLeakingPlugin.Leak.SuccessMessage)]
    public async Task TheMaskKeepsTheRestOfTheText(SecretLeakingPlugin.Leak leak)
    {
        var plugin = _test.Add(new SecretLeakingPlugin(leak));
        _test.Configure(plugin.Name, credentials: new Dictionary<string, string?> { ["api_key"] = Secret });
        var sink = new RecordingEventSink();

        var result = await _test.RunAsync(plugin.Name, sink);

        var masked = $"calling the API with key {SecretMasker.Mask} now";
        var seen = sink.AllText.Concat(TextOf(result)).ToList();
        Assert.Contains(masked, seen);
    }

    [Theory]
    [InlineData(SecretLeakingPlugin.Leak.FailureMessage)]
    [InlineData(SecretLeakingPlugin.Leak.Exception)]
    public async Task ARetryWarningMasksTheSecretInTheFailedAttemptsError(SecretLeakingPlugin.Leak leak)
    {
        var plugin = _test.Add(new SecretLeakingPlugin(leak));
        _test.Configure(plugin.Name, credentials: new Dictionary<string, string?> { ["api_key"] = Secret });
        _test.Configurations.Set(
            plugin.Name, new Configuration.ConfigurationUpdate { MaxAttempts = 2, RetryDelaySeconds = 0 });
        var sink = new RecordingEventSink();

        var result = await _test.RunAsync(plugin.Name, sink);

        Assert.Equal(2, result.Attempts);
        Assert.Contains(sink.Logs, l => l.Level == SyncLogLevel.Warning && l.Message.Contains(SecretMasker.Mask));
        Assert.All(sink.AllText, text => Assert.DoesNotContain(Secret, text));
        AssertNotInResult(result);
        AssertNotInStoreFiles();
    }

    [Fact]
    public async Task ASecretInsideAListInTheDataIsMasked()
    {
        var plugin = _test.Add(new SecretLeakingPlugin(SecretLeakingPlugin.Leak.DataList));
        _test.Configure(plugin.Name, credentials: new Dictionary<string, string?> { ["api_key"] = Secret });

        var result = await _test.RunAsync(plugin.Name);

        AssertNotInResult(result);
    }

    [Fact]
    public async Task TheEngineNeverSendsTheSecretToTheEventSinkDuringANormalRun()
    {
        _test.ConfigureExample(apiKey: Secret);
        var sink = new RecordingEventSink();

        var result = await _test.RunAsync("example", sink);

        Assert.True(result.Success, result.Error);
        Assert.NotEmpty(sink.Logs);
        Assert.NotEmpty(sink.ProgressReports);
        Assert.All(sink.AllText, text => Assert.DoesNotContain(Secret, text));
        AssertNotInResult(result);
    }

    [Fact]
    public void TheFileScanFindsAValueTheStoreHoldsInClear()
    {
        // Proves the scan above can fail: plugin state is stored as the plugin gave it.
        _test.Store.States.Save("example", "state holding " + Secret, 1);

        Assert.NotEmpty(FilesHoldingTheSecret());
    }

    private void AssertNotInStoreFiles()
    {
        Assert.NotEmpty(Directory.GetFiles(_test.Folder));
        Assert.Empty(FilesHoldingTheSecret());
    }

    private IReadOnlyList<string> FilesHoldingTheSecret()
    {
        var encodings = new[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode };
        var needles = encodings.Select(e => e.GetBytes(Secret)).ToList();
        return Directory.GetFiles(_test.Folder, "*", SearchOption.AllDirectories)
            .Where(file =>
            {
                var bytes = File.ReadAllBytes(file);
                return needles.Any(needle => bytes.AsSpan().IndexOf(needle) >= 0);
            })
            .ToList();
    }

    private static void AssertNotInResult(SyncResult result)
    {
        Assert.All(TextOf(result), text => Assert.DoesNotContain(Secret, text));
    }

    private static void AssertNotInRecord(HistoryRecord record)
    {
        var texts = new[] { record.PluginName, record.ErrorMessage, record.Host, record.User };
        Assert.All(texts, text => Assert.DoesNotContain(Secret, text ?? ""));
    }

    /// <summary>Every piece of text a result carries, including every value in its data, however nested.</summary>
    private static IEnumerable<string> TextOf(SyncResult result)
    {
        var texts = new List<string?> { result.PluginName, result.Error, result.Message, result.ToString() };
        foreach (var pair in result.Data)
        {
            texts.Add(pair.Key);
            texts.AddRange(Flatten(pair.Value));
        }

        return texts.Where(t => t is not null).Select(t => t!);
    }

    private static IEnumerable<string?> Flatten(object? value)
    {
        if (value is string or null)
        {
            return new[] { (string?)value };
        }

        if (value is IEnumerable items)
        {
            return items.Cast<object?>().SelectMany(Flatten);
        }

        return new[] { value.ToString() };
    }
}
