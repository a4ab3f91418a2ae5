using System;
using System.Linq;
using System.Threading.Tasks;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>The built-in <c>example</c> plugin, run through the engine.</summary>
public sealed class ExamplePluginTests : IDisposable
{
    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Theory]
    [InlineData(100, 1)]
    [InlineData(10, 3)]
    [InlineData(1, 25)]
    [InlineData("5", 5)]
    public async Task SyncsTheSampleRecordsInBatchesOfTheConfiguredSize(object batchSize, int batches)
    {
        _test.ConfigureExample(batchSize: batchSize);

        var result = await _test.RunAsync("example");

        Assert.True(result.Success, result.Error);
        Assert.Equal(batches, result.Data["Batches"]);
        Assert.Equal(25L, result.Processed);
    }

    [Fact]
    public async Task UsesABatchSizeOfOneHundredByDefault()
    {
        _test.ConfigureExample();

        var result = await _test.RunAsync("example");

        Assert.Equal(100, result.Data["BatchSize"]);
        Assert.Equal(1, result.Data["Batches"]);
    }

    [Fact]
    public async Task ReportsProgressAndLogsEachBatch()
    {
        _test.ConfigureExample(batchSize: 10);
        var sink = new RecordingEventSink();

        await _test.RunAsync("example", sink);

        var batchLines = sink.Logs.Where(l => l.Message.StartsWith("Synced batch", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, batchLines.Count);
        Assert.All(batchLines, l => Assert.Equal("example", l.Plugin));
        Assert.Equal(100, sink.ProgressReports.Last().Percent);
    }

    [Fact]
    public void DeclaresItsCredentialAndBatchSize()
    {
        var plugin = _test.Registry.Find("example")!.Plugin;

        var credential = Assert.Single(plugin.Credentials);
        Assert.Equal("api_key", credential.Name);
        Assert.True(credential.Required);
        var setting = plugin.Settings.Single(s => s.Name == "batch_size");
        Assert.Equal(SettingType.Integer, setting.Type);
        Assert.Equal(100L, setting.DefaultValue);
    }
}
