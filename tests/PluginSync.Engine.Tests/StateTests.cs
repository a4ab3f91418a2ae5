using System;
using System.Threading.Tasks;
using PluginSync.Engine.Execution;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>A plugin's state: saved only when its run succeeds, and handed to the next run.</summary>
public sealed class StateTests : IDisposable
{
    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task TheExamplesStateMakesTheSecondRunSkipEveryRecord()
    {
        _test.ConfigureExample();

        var first = await _test.RunAsync("example");
        var second = await _test.RunAsync("example");

        Assert.Equal((25L, 25L, 0L), (first.Processed, first.Created, first.Skipped));
        Assert.Equal((25L, 0L, 0L, 25L), (second.Processed, second.Created, second.Updated, second.Skipped));
        Assert.NotNull(_test.Store.States.Get("example"));
    }

    [Fact]
    public async Task AFirstRunIsHandedNoState()
    {
        var plugin = _test.Add(new StatefulPlugin { NextState = "one" });
        _test.Configure(plugin.Name);

        await _test.RunAsync(plugin.Name);

        Assert.Equal(new string?[] { null }, plugin.SeenPreviousStates);
        Assert.Equal("one", _test.Store.States.Get(plugin.Name));
    }

    [Theory]
    [InlineData(StatefulPlugin.Ending.Throw)]
    [InlineData(StatefulPlugin.Ending.ReportFailure)]
    public async Task AFailingRunDoesNotSaveItsState(StatefulPlugin.Ending ending)
    {
        var plugin = _test.Add(new StatefulPlugin { NextState = "one" });
        _test.Configure(plugin.Name);
        await _test.RunAsync(plugin.Name);

        plugin.NextState = "two";
        plugin.NextEnding = ending;
        var failed = await _test.RunAsync(plugin.Name);

        plugin.NextEnding = StatefulPlugin.Ending.Succeed;
        plugin.NextState = "three";
        await _test.RunAsync(plugin.Name);

        Assert.Equal(SyncErrorType.ExecutionError, failed.ErrorType);
        Assert.Equal(new string?[] { null, "one", "one" }, plugin.SeenPreviousStates);
        Assert.Equal("three", _test.Store.States.Get(plugin.Name));
    }

    [Fact]
    public async Task ARunThatDoesNotSetStateKeepsThePreviousState()
    {
        var plugin = _test.Add(new StatefulPlugin { NextState = "one" });
        _test.Configure(plugin.Name);
        await _test.RunAsync(plugin.Name);

        plugin.SetsState = false;
        await _test.RunAsync(plugin.Name);
        await _test.RunAsync(plugin.Name);

        Assert.Equal(new string?[] { null, "one", "one" }, plugin.SeenPreviousStates);
    }

    [Fact]
    public async Task ASuccessfulRunThatSetsNullClearsTheState()
    {
        var plugin = _test.Add(new StatefulPlugin { NextState = "one" });
        _test.Configure(plugin.Name);
        await _test.RunAsync(plugin.Name);

        plugin.NextState = null;
        await _test.RunAsync(plugin.Name);
        await _test.RunAsync(plugin.Name);

        Assert.Equal(new string?[] { null, "one", null }, plugin.SeenPreviousStates);
        Assert.Null(_test.Store.States.Get(plugin.Name));
    }

    [Fact]
    public async Task StateIsKeptPerPluginWithoutRegardToCase()
    {
        var plugin = _test.Add(new StatefulPlugin { NextState = "one" });
        _test.Configure(plugin.Name);

        await _test.RunAsync(plugin.Name.ToUpperInvariant());

        Assert.Equal("one", _test.Store.States.Get(plugin.Name.ToUpperInvariant()));
        Assert.Equal("one", _test.Store.States.Get(plugin.Name));
        Assert.Null(_test.Store.States.Get("example"));
    }

    [Fact]
    public async Task RemovingTheConfigurationForgetsTheState()
    {
        var plugin = _test.Add(new StatefulPlugin { NextState = "one" });
        _test.Configure(plugin.Name);
        await _test.RunAsync(plugin.Name);

        _test.Configurations.Remove(plugin.Name);

        Assert.Null(_test.Store.States.Get(plugin.Name));
    }

    [Fact]
    public async Task AConfigurationRemovedDuringARunDoesNotGetItsStateBack()
    {
        var plugin = _test.Add(new GatedStatePlugin());
        _test.Configure(plugin.Name);

        var run = _test.RunAsync(plugin.Name);
        Assert.True(plugin.Running.Wait(TimeSpan.FromSeconds(10)), "The run never started.");
        _test.Configurations.Remove(plugin.Name);
        plugin.Gate.Set();
        var result = await run;

        Assert.True(result.Success, result.Error);
        Assert.Null(_test.Store.States.Get(plugin.Name));
    }
}
