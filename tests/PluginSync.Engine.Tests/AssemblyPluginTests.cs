using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Execution;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>
/// Assembly plugins loaded from a plugin directory and run by the engine: each in a load context of its own, so
/// two plugins can bring different versions of one dependency, all sharing the engine's plugin contract.
/// </summary>
public sealed class AssemblyPluginTests : IDisposable
{
    private readonly TestStore _test = new();

    public void Dispose() => _test.Dispose();

    private string PluginDirectory => _test.Root.Combine("plugins");

    private PluginRegistry LoadRegistry(params string[] fixtures)
    {
        foreach (var fixture in fixtures)
        {
            PluginFixtures.CopyFolder(fixture, PluginDirectory);
        }

        var registry = PluginRegistry.Load(
            new[] { PluginDirectory }, new IPluginLoader[] { new AssemblyPluginLoader() });
        Assert.Empty(registry.LoadErrors);
        return registry;
    }

    private async Task<SyncResult> ConfigureAndRunAsync(PluginRegistry registry, string name)
    {
        new ConfigurationService(_test.Store, registry).Set(name, TestStore.Update(enabled: true));
        return await new SyncExecutor(_test.Store, registry).RunAsync(name, null, default);
    }

    [Fact]
    public async Task TwoPluginsWithDifferentVersionsOfOneDependencyEachRunWithTheirOwnVersion()
    {
        var registry = LoadRegistry(PluginFixtures.PluginOne, PluginFixtures.PluginTwo);

        var one = await ConfigureAndRunAsync(registry, "fixture-one");
        var two = await ConfigureAndRunAsync(registry, "fixture-two");

        Assert.True(one.Success, one.Error);
        Assert.True(two.Success, two.Error);
        Assert.Equal(("1", "1.0.0.0"), (one.Data["DependencyAnswer"], one.Data["DependencyVersion"]));
        Assert.Equal(("2", "2.0.0.0"), (two.Data["DependencyAnswer"], two.Data["DependencyVersion"]));
    }

    [Fact]
    public void EachPluginAssemblyLoadsInALoadContextOfItsOwnAndNotInTheDefaultOne()
    {
        var registry = LoadRegistry(PluginFixtures.PluginOne, PluginFixtures.PluginTwo);

        var one = AssemblyLoadContext.GetLoadContext(registry.Find("fixture-one")!.Plugin.GetType().Assembly);
        var two = AssemblyLoadContext.GetLoadContext(registry.Find("fixture-two")!.Plugin.GetType().Assembly);

        Assert.IsType<PluginLoadContext>(one);
        Assert.IsType<PluginLoadContext>(two);
        Assert.NotSame(one, two);
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies,
            a => a.GetName().Name is "PluginOne" or "PluginTwo" or "PluginSync.Fixtures.Shared");
    }

    [Fact]
    public async Task APluginUsesTheEnginesContractEvenWithACopyOfTheContractBesideIt()
    {
        var source = PluginFixtures.CopyFolder(PluginFixtures.PluginOne, PluginDirectory);
        File.Copy(typeof(ISyncPlugin).Assembly.Location,
            Path.Combine(Path.GetDirectoryName(source)!, Path.GetFileName(typeof(ISyncPlugin).Assembly.Location)));

        var registry = LoadRegistry();
        var plugin = registry.Find("fixture-one")!.Plugin;
        var result = await ConfigureAndRunAsync(registry, "fixture-one");

        Assert.Contains(typeof(ISyncPlugin), plugin.GetType().GetInterfaces());
        Assert.True(result.Success, result.Error);
        Assert.Equal("1", result.Data["DependencyAnswer"]);
    }

    [Fact]
    public async Task APluginRunTwiceKeepsItsDependencyVersionAfterTheOtherPluginRan()
    {
        var registry = LoadRegistry(PluginFixtures.PluginTwo, PluginFixtures.PluginOne);

        await ConfigureAndRunAsync(registry, "fixture-two");
        await ConfigureAndRunAsync(registry, "fixture-one");
        var again = await new SyncExecutor(_test.Store, registry).RunAsync("fixture-two", null, default);

        Assert.Equal("2", again.Data["DependencyAnswer"]);
    }

    [Fact]
    public async Task TheCompiledSampleCountsRowsCreatedUpdatedAndUnchangedAcrossTwoRunsAndKeepsItsState()
    {
        var registry = LoadRegistry(PluginFixtures.CsvSync);
        var csv = _test.Root.WriteFile("people.csv", "id,name\n1,Ada\n2,Grace\n3,Linus\n");
        var destination = _test.Root.Combine("people");
        ConfigureCsv(registry, csv, destination);
        var executor = new SyncExecutor(_test.Store, registry);

        var first = await executor.RunAsync("csv", null, default);
        File.WriteAllText(csv, "id,name\n1,Ada\n2,Grace Hopper\n3,Linus\n4,Barbara\n");
        var second = await executor.RunAsync("csv", null, default);

        Assert.True(first.Success, first.Error);
        Assert.True(second.Success, second.Error);
        Assert.Equal((3L, 3L, 0L, 0L), (first.Processed, first.Created, first.Updated, first.Skipped));
        Assert.Equal((4L, 1L, 1L, 2L), (second.Processed, second.Created, second.Updated, second.Skipped));
        Assert.Equal(new[] { "1.json", "2.json", "3.json", "4.json" },
            Directory.GetFiles(destination).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(csv))).ToLowerInvariant();
        Assert.Equal("sha256:" + hash, _test.Store.States.Get("csv"));
    }

    [Fact]
    public async Task TheCompiledSamplesOwnCheckRunsAfterTheEnginesChecks()
    {
        var registry = LoadRegistry(PluginFixtures.CsvSync);
        var csv = _test.Root.WriteFile("people.csv", "id,name\n1,Ada\n");
        ConfigureCsv(registry, csv, _test.Root.Combine("people"));

        var checks = await new ConfigurationChecker(_test.Store, registry).CheckAsync("csv", default);

        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Check}: {c.Message}"));
        Assert.Equal(
            new[] { "Source readable", "Destination writable" }, checks.Skip(checks.Count - 2).Select(c => c.Check));
        Assert.All(checks, c => Assert.Equal("csv", c.PluginName));
    }

    private void ConfigureCsv(PluginRegistry registry, string csv, string destination) =>
        new ConfigurationService(_test.Store, registry).Set("csv", TestStore.Update(
            enabled: true,
            settings: new Dictionary<string, object?> { ["Path"] = csv, ["Destination"] = destination }));
}
