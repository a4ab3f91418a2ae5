using System;
using System.IO;
using System.Linq;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>
/// Loading a registry from plugin directories: what loads, and what becomes a load error that names its source
/// while the other plugins still load.
/// </summary>
public sealed class PluginRegistryLoadTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static PluginRegistry Load(params string[] directories) =>
        PluginRegistry.Load(directories, new IPluginLoader[] { new AssemblyPluginLoader() });

    private string NewDirectory(string name)
    {
        var directory = _temp.Combine(name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    [Fact]
    public void AnEmptyDirectoryAddsNoPluginAndNoLoadError()
    {
        var registry = Load(NewDirectory("plugins"));

        Assert.Equal(new[] { "example", "folder", "rest" }, registry.All.Select(p => p.Name));
        Assert.Empty(registry.LoadErrors);
    }

    [Fact]
    public void AnAssemblyPluginLoadsWithItsKindAndItsFileAsSource()
    {
        var directory = NewDirectory("plugins");
        var source = PluginFixtures.CopyFolder(PluginFixtures.PluginOne, directory);

        var registry = Load(directory);

        var plugin = registry.Find("fixture-one");
        Assert.NotNull(plugin);
        Assert.Equal(PluginKind.Assembly, plugin!.Kind);
        Assert.Equal(source, plugin.Source);
        Assert.Equal(new Version(1, 0, 0), plugin.Plugin.Version);
        Assert.Empty(registry.LoadErrors);
    }

    [Fact]
    public void ABrokenAssemblyIsALoadErrorNamingItsFileWhileTheOthersLoad()
    {
        var directory = NewDirectory("plugins");
        var bad = Path.Combine(directory, "Bad.dll");
        File.WriteAllBytes(bad, new byte[] { 0x4D, 0x5A, 0x00, 0x01, 0xFF, 0xFE, 0x13, 0x37 });
        PluginFixtures.CopyFolder(PluginFixtures.PluginOne, directory);

        var registry = Load(directory);

        var error = Assert.Single(registry.LoadErrors);
        Assert.Equal(bad, error.Source);
        Assert.Contains("cannot be loaded", error.Message);
        Assert.Contains($"{bad}: ", error.ToString());
        Assert.NotNull(registry.Find("fixture-one"));
    }

    [Fact]
    public void APluginWhoseConstructorThrowsIsALoadErrorNamingItsType()
    {
        var directory = NewDirectory("plugins");
        var source = PluginFixtures.CopyFolder(PluginFixtures.ThrowingPlugin, directory);
        PluginFixtures.CopyFolder(PluginFixtures.PluginTwo, directory);

        var registry = Load(directory);

        var error = Assert.Single(registry.LoadErrors);
        Assert.Equal(source, error.Source);
        Assert.Contains("'PluginSync.Fixtures.ThrowingConstructorPlugin'", error.Message);
        Assert.Contains("The fixture's constructor always fails.", error.Message);
        Assert.Null(registry.Find("fixture-throwing"));
        Assert.NotNull(registry.Find("fixture-two"));
    }

    [Fact]
    public void APluginClaimingABuiltInNameIsALoadErrorNamingBothSourcesAndTheBuiltInKeepsTheName()
    {
        var directory = NewDirectory("plugins");
        var source = PluginFixtures.CopyFolder(PluginFixtures.ClashingPlugin, directory);

        var registry = Load(directory);

        var error = Assert.Single(registry.LoadErrors);
        Assert.Equal(source, error.Source);
        Assert.Contains("'example'", error.Message);
        Assert.Contains("BuiltIn 'PluginSync'", error.Message);
        Assert.Contains($"Assembly '{source}'", error.Message);
        var example = registry.Find("example")!;
        Assert.Equal(PluginKind.BuiltIn, example.Kind);
        Assert.Equal(new Version(1, 0, 0), example.Plugin.Version);
    }

    [Fact]
    public void ADirectoryThatDoesNotExistIsALoadErrorAndTheNextDirectoryStillLoads()
    {
        var missing = _temp.Combine("missing");
        var directory = NewDirectory("plugins");
        PluginFixtures.CopyFolder(PluginFixtures.PluginOne, directory);

        var registry = Load(missing, directory);

        var error = Assert.Single(registry.LoadErrors);
        Assert.Equal(missing, error.Source);
        Assert.Contains("does not exist", error.Message);
        Assert.NotNull(registry.Find("fixture-one"));
    }

    [Fact]
    public void TheFirstDirectoryKeepsANameThatTwoDirectoriesClaim()
    {
        var first = NewDirectory("first");
        var second = NewDirectory("second");
        var kept = PluginFixtures.CopyFolder(PluginFixtures.PluginOne, first);
        var refused = PluginFixtures.CopyFolder(PluginFixtures.PluginOne, second);

        var registry = Load(first, second);

        Assert.Equal(kept, registry.Find("fixture-one")!.Source);
        var error = Assert.Single(registry.LoadErrors);
        Assert.Equal(refused, error.Source);
        Assert.Contains(kept, error.Message);
        Assert.Contains(refused, error.Message);
    }

    [Fact]
    public void AnAssemblyThatDoesNotReferenceTheContractIsIgnoredWithoutALoadError()
    {
        var directory = NewDirectory("plugins");
        PluginFixtures.CopyFile(PluginFixtures.PluginOne, PluginFixtures.SharedDependencyFile, directory);
        PluginFixtures.CopyFolder(PluginFixtures.PluginTwo, directory);

        var registry = Load(directory);

        Assert.Empty(registry.LoadErrors);
        Assert.Equal(new[] { "example", "fixture-two", "folder", "rest" }, registry.All.Select(p => p.Name));
    }

    [Fact]
    public void APluginAssemblyStraightInTheDirectoryLoads()
    {
        var directory = NewDirectory("plugins");
        var source = PluginFixtures.CopyFile(PluginFixtures.CsvSync, "CsvSync.dll", directory);

        var registry = Load(directory);

        Assert.Empty(registry.LoadErrors);
        Assert.Equal(source, registry.Find("csv")!.Source);
    }

    [Fact]
    public void AFolderWithoutAnAssemblyOfItsOwnNameIsNotLookedInto()
    {
        var directory = NewDirectory("plugins");
        PluginFixtures.CopyFile(PluginFixtures.CsvSync, "CsvSync.dll", Path.Combine(directory, "Renamed"));

        var registry = Load(directory);

        Assert.Empty(registry.LoadErrors);
        Assert.Null(registry.Find("csv"));
    }

    [Fact]
    public void AFolderMissingADependencyOfItsPluginIsALoadErrorNamingTheDependency()
    {
        var directory = NewDirectory("plugins");
        var source = PluginFixtures.CopyFolder(PluginFixtures.PluginOne, directory);
        File.Delete(Path.Combine(directory, PluginFixtures.PluginOne, PluginFixtures.SharedDependencyFile));
        PluginFixtures.CopyFolder(PluginFixtures.PluginTwo, directory);

        var registry = Load(directory);

        var error = Assert.Single(registry.LoadErrors);
        Assert.Equal(source, error.Source);
        Assert.Contains("PluginSync.Fixtures.Shared, Version=1.0.0.0", error.Message);
        Assert.Contains(Path.GetDirectoryName(source)!, error.Message);
        Assert.Null(registry.Find("fixture-one"));
        Assert.NotNull(registry.Find("fixture-two"));
    }

    [Fact]
    public void LoadingTheSameUnchangedFileAgainReusesItsPlugins()
    {
        var directory = NewDirectory("plugins");
        PluginFixtures.CopyFolder(PluginFixtures.PluginOne, directory);

        var first = Load(directory).Find("fixture-one")!.Plugin;
        var second = Load(directory).Find("fixture-one")!.Plugin;

        Assert.Same(first, second);
    }

    [Fact]
    public void AFileThatChangedOnDiskIsLoadedAgain()
    {
        var directory = NewDirectory("plugins");
        var source = PluginFixtures.CopyFolder(PluginFixtures.PluginOne, directory);
        var first = Load(directory).Find("fixture-one")!.Plugin;

        File.SetLastWriteTimeUtc(source, File.GetLastWriteTimeUtc(source).AddMinutes(1));
        var second = Load(directory).Find("fixture-one")!.Plugin;

        Assert.NotSame(first, second);
    }
}
