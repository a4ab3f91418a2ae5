using System;
using System.IO;
using System.Runtime.InteropServices;

namespace PluginSync.Engine.Plugins.BuiltIn;

/// <summary>
/// The path a file system path leads to once every link in it is followed. netstandard2.0 has no API for it, so
/// Unix asks the C library's realpath. A path that does not exist yet is resolved through its nearest existing
/// parent, so a destination that will be created under a link is seen through the link too.
/// </summary>
internal static class RealPath
{
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            // Limitation: on Windows, junctions and symbolic links are not followed when comparing folders.
            return full;
        }

        var existing = full;
        var rest = "";
        while (!Directory.Exists(existing) && !File.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null)
            {
                return full;
            }

            rest = Path.Combine(Path.GetFileName(existing), rest);
            existing = parent;
        }

        var resolved = RealPathOf(existing) ?? existing;
        return rest.Length == 0 ? resolved : Path.Combine(resolved, rest).TrimEnd(Path.DirectorySeparatorChar);
    }

    private static string? RealPathOf(string path)
    {
        var result = realpath(path, IntPtr.Zero);
        if (result == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringAnsi(result);
        }
        finally
        {
            free(result);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath(string path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);
}
