using System;
using System.IO;
using System.Runtime.InteropServices;
using PluginSync.Engine.Errors;

namespace PluginSync.Engine.Storage;

/// <summary>Where the store lives: <c>PLUGINSYNC_HOME</c> when set, else the user's local data folder.</summary>
public static class StoreLocation
{
    /// <summary>The environment variable that points the store elsewhere.</summary>
    public const string HomeVariable = "PLUGINSYNC_HOME";

    /// <summary>The store file's name inside the store folder.</summary>
    public const string FileName = "pluginsync.db";

    /// <summary>
    /// The store folder. <paramref name="home"/> overrides the environment; it must be an absolute path.
    /// </summary>
    public static string ResolveFolder(string? home = null)
    {
        home ??= Environment.GetEnvironmentVariable(HomeVariable);
        if (string.IsNullOrWhiteSpace(home))
        {
            return DefaultFolder();
        }

        if (!Path.IsPathRooted(home) || home!.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            throw new PluginSyncException(
                "StoreFolderInvalid",
                PluginSyncErrorKind.InvalidArgument,
                $"The store folder '{home}' is not valid: {HomeVariable} must be an absolute folder path.",
                home);
        }

        return Path.GetFullPath(home);
    }

    /// <summary>The per-OS default folder.</summary>
    public static string DefaultFolder()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(local, "PluginSync");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "PluginSync");
        }

        var userHome = Environment.GetEnvironmentVariable("HOME");
        if (string.IsNullOrWhiteSpace(userHome))
        {
            userHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(userHome, ".local", "share", "PluginSync");
    }
}
