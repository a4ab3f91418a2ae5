using System;
using System.IO;

namespace PluginSync.Engine.Tests.Support;

/// <summary>
/// The assembly plugins built for these tests (tests/fixtures and the compiled sample), each published into a
/// folder of its own under fixtures/ beside the test assembly, and helpers that copy them into plugin directories.
/// Tests work on copies in temporary folders, so the built fixtures never change.
/// </summary>
public static class PluginFixtures
{
    /// <summary>Plugin 'fixture-one', with version 1 of PluginSync.Fixtures.Shared beside it.</summary>
    public const string PluginOne = "PluginOne";

    /// <summary>Plugin 'fixture-two', with version 2 of PluginSync.Fixtures.Shared beside it.</summary>
    public const string PluginTwo = "PluginTwo";

    /// <summary>A plugin whose constructor throws.</summary>
    public const string ThrowingPlugin = "ThrowingPlugin";

    /// <summary>A plugin named 'example', like the built-in plugin.</summary>
    public const string ClashingPlugin = "ClashingPlugin";

    /// <summary>The compiled sample, plugin 'csv'.</summary>
    public const string CsvSync = "CsvSync";

    /// <summary>The file name of the dependency that PluginOne and PluginTwo bring in two versions.</summary>
    public const string SharedDependencyFile = "PluginSync.Fixtures.Shared.dll";

    /// <summary>The built folder of the fixture <paramref name="name"/>.</summary>
    public static string Folder(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "fixtures", name);
        if (!File.Exists(Path.Combine(folder, name + ".dll")))
        {
            throw new InvalidOperationException(
                $"The plugin fixture '{name}' is not built in '{folder}'. Building the test project builds it.");
        }

        return folder;
    }

    /// <summary>
    /// Copies the fixture's folder into <paramref name="pluginDirectory"/> as <c>Name/</c>, the layout of a plugin
    /// with its dependencies beside it, and returns the path of <c>Name/Name.dll</c>.
    /// </summary>
    public static string CopyFolder(string name, string pluginDirectory)
    {
        var target = Path.Combine(pluginDirectory, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Folder(name)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return Path.Combine(target, name + ".dll");
    }

    /// <summary>
    /// Copies one file of the fixture's folder straight into <paramref name="pluginDirectory"/>, the layout of a
    /// plugin without dependencies of its own, and returns the copy's path.
    /// </summary>
    public static string CopyFile(string name, string fileName, string pluginDirectory)
    {
        Directory.CreateDirectory(pluginDirectory);
        var target = Path.Combine(pluginDirectory, fileName);
        File.Copy(Path.Combine(Folder(name), fileName), target);
        return target;
    }
}
