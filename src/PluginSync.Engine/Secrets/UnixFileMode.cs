using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PluginSync.Engine.Secrets;

/// <summary>Sets owner-only permissions on Unix. netstandard2.0 has no managed API for file modes.</summary>
internal static class UnixFileMode
{
    public const uint OwnerReadWrite = 0x180; // 0600
    public const uint OwnerAll = 0x1C0;       // 0700

    public static bool IsUnix => !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>Applies <paramref name="mode"/> to <paramref name="path"/>; a no-op on Windows.</summary>
    public static void Restrict(string path, uint mode)
    {
        if (!IsUnix)
        {
            return;
        }

        if (chmod(path, mode) != 0)
        {
            throw new IOException(
                $"Cannot restrict the permissions of '{path}' to its owner (errno {Marshal.GetLastWin32Error()}).");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int chmod(string path, uint mode);
}
