using System.Linq;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

public sealed class PluginRegistryTests
{
    [Fact]
    public void TheDefaultRegistryHoldsTheBuiltInPlugins()
    {
        var registry = PluginRegistry.CreateDefault();

        Assert.Equal(new[] { "example", "folder", "rest" }, registry.All.Select(p => p.Name));
        Assert.All(registry.All, p => Assert.Equal(PluginKind.BuiltIn, p.Kind));
    }

    [Fact]
    public void FindsAPluginWithoutRegardToCase()
    {
        var registry = PluginRegistry.CreateDefault();

        Assert.Same(registry.Find("example")!.Plugin, registry.Find("ExAmPlE")!.Plugin);
        Assert.Null(registry.Find("missing"));
    }

    [Fact]
    public void ListsPluginsOrderedByNameWithoutRegardToCase()
    {
        var registry = PluginRegistry.CreateDefault();
        registry.Add(new RecordingPlugin(name: "Zeta"), PluginKind.Assembly, "test");
        registry.Add(new RecordingPlugin(name: "alpha"), PluginKind.Script, "test");

        Assert.Equal(new[] { "alpha", "example", "folder", "rest", "Zeta" }, registry.All.Select(p => p.Name));
    }

    [Fact]
    public void KeepsTheKindAndSourceOfAnAddedPlugin()
    {
        var registry = PluginRegistry.CreateDefault();
        var plugin = new RecordingPlugin();

        registry.Add(plugin, PluginKind.Assembly, "test-source");

        var descriptor = registry.Find(plugin.Name)!;
        Assert.Same(plugin, descriptor.Plugin);
        Assert.Equal(PluginKind.Assembly, descriptor.Kind);
        Assert.Equal("test-source", descriptor.Source);
    }

    [Fact]
    public void ANameClaimedTwiceIsAConflictNamingBothSources()
    {
        var registry = PluginRegistry.CreateDefault();

        var error = Assert.Throws<PluginSyncException>(
            () => registry.Add(new RecordingPlugin(name: "EXAMPLE"), PluginKind.Script, "second-source"));

        Assert.Equal("PluginNameConflict", error.ErrorId);
        Assert.Contains("PluginSync", error.Message);
        Assert.Contains("second-source", error.Message);
        Assert.Equal("example", registry.Find("example")!.Name);
    }

    [Fact]
    public void APluginWithAnInvalidNameIsRefused()
    {
        var registry = new PluginRegistry();

        var error = Assert.Throws<PluginSyncException>(
            () => registry.Add(new RecordingPlugin(name: "bad name"), PluginKind.Assembly, "test"));

        Assert.Equal("InvalidPluginName", error.ErrorId);
        Assert.Empty(registry.All);
    }
}
