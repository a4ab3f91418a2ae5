using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Plugins.BuiltIn;

/// <summary>
/// Mirrors a source folder into a destination folder. New files are created, changed files (by size or last
/// write time) updated, unchanged files skipped, and files only in the destination deleted when <c>Delete</c>
/// is true. Copies keep the source's last write time, which is how the next run knows a file is unchanged.
/// </summary>
public sealed class FolderPlugin : ISyncPlugin
{
    private const int ProgressEvery = 50;
    private static readonly TimeSpan SameTimeTolerance = TimeSpan.FromMilliseconds(1);

    public string Name => "folder";

    public Version Version { get; } = new(1, 0, 0);

    public string Description => "Mirrors a source folder into a destination folder.";

    public IReadOnlyList<PluginCredential> Credentials { get; } = Array.Empty<PluginCredential>();

    public IReadOnlyList<PluginSetting> Settings { get; } = new[]
    {
        new PluginSetting("Source", SettingType.Path, required: true, description: "The folder to copy from."),
        new PluginSetting("Destination", SettingType.Path, required: true, description: "The folder to copy into."),
        new PluginSetting(
            "Delete", SettingType.Boolean, defaultValue: false,
            description: "Delete files in the destination that are not in the source."),
    };

    public Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath((string)context.Settings["Source"]!);
        var destination = Path.GetFullPath((string)context.Settings["Destination"]!);
        var delete = (bool)context.Settings["Delete"]!;

        var problem = CheckFolders(source, destination);
        if (problem is not null)
        {
            return Task.FromResult(SyncOutcome.Failed(problem));
        }

        Directory.CreateDirectory(destination);
        var files = ListFiles(source, context, cancellationToken).ToList();
        context.Log(SyncLogLevel.Verbose, $"Found {files.Count} files in '{source}'.");

        var errors = new List<string>();
        long bytesCopied = 0;
        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bytesCopied += CopyIfChanged(files[i], source, destination, context, errors);
            if (i % ProgressEvery == 0)
            {
                context.ReportProgress(i * 100 / files.Count, files[i].Substring(source.Length).TrimStart('/', '\\'));
            }
        }

        var extra = FindExtraFiles(source, destination, context, cancellationToken);
        if (delete)
        {
            DeleteFiles(extra, context, errors, cancellationToken);
        }

        var data = new Dictionary<string, object?>
        {
            ["Source"] = source,
            ["Destination"] = destination,
            ["Unchanged"] = context.Counters.Skipped,
            ["BytesCopied"] = bytesCopied,
            ["ExtraFilesKept"] = delete ? 0 : extra.Count,
        };

        if (errors.Count > 0)
        {
            var first = string.Join("; ", errors.Take(3));
            return Task.FromResult(SyncOutcome.Failed($"{errors.Count} files could not be synced: {first}", data));
        }

        return Task.FromResult(SyncOutcome.Succeeded(data));
    }

    private static string? CheckFolders(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            return File.Exists(source)
                ? $"The source '{source}' is a file, not a folder."
                : $"The source folder '{source}' does not exist.";
        }

        if (File.Exists(destination))
        {
            return $"The destination '{destination}' is a file, not a folder.";
        }

        // Links are followed before comparing, so a destination that is (or sits under) a link into the source,
        // or a source under a linked destination, is refused: deleting "extra" files there would delete sources.
        var sourceRoot = RealPath.Resolve(source).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        var destinationRoot = RealPath.Resolve(destination).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        if (destinationRoot.StartsWith(sourceRoot, PathComparison) ||
            sourceRoot.StartsWith(destinationRoot, PathComparison))
        {
            return $"The destination '{destination}' and the source '{source}' overlap (once links are followed: " +
                   $"'{destinationRoot.TrimEnd(Path.DirectorySeparatorChar)}' and " +
                   $"'{sourceRoot.TrimEnd(Path.DirectorySeparatorChar)}'); pick folders outside each other.";
        }

        return null;
    }

    private static StringComparison PathComparison =>
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>
    /// Every file under <paramref name="root"/>; linked folders are not followed, so a loop cannot form.
    /// </summary>
    private static IEnumerable<string> ListFiles(string root, ISyncContext context, CancellationToken cancellationToken)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(folder))
            {
                if ((File.GetAttributes(child) & FileAttributes.ReparsePoint) != 0)
                {
                    context.Log(SyncLogLevel.Verbose, $"Skipped the linked folder '{child}'.");
                    continue;
                }

                pending.Push(child);
            }
        }
    }

    private static long CopyIfChanged(
        string file, string source, string destination, ISyncContext context, List<string> errors)
    {
        context.Counters.AddProcessed();
        var target = Path.Combine(destination, file.Substring(source.Length).TrimStart('/', '\\'));
        try
        {
            var from = new FileInfo(file);
            var to = new FileInfo(target);
            if (to.Exists && to.Length == from.Length &&
                (to.LastWriteTimeUtc - from.LastWriteTimeUtc).Duration() < SameTimeTolerance)
            {
                context.Counters.AddSkipped();
                return 0;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
            File.SetLastWriteTimeUtc(target, from.LastWriteTimeUtc);
            if (to.Exists)
            {
                context.Counters.AddUpdated();
            }
            else
            {
                context.Counters.AddCreated();
            }

            return from.Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Counters.AddFailed();
            context.Log(SyncLogLevel.Warning, $"Could not copy '{file}': {e.Message}");
            errors.Add($"'{file}': {e.Message}");
            return 0;
        }
    }

    private static List<string> FindExtraFiles(
        string source, string destination, ISyncContext context, CancellationToken cancellationToken) =>
        ListFiles(destination, context, cancellationToken)
            .Where(f => !File.Exists(Path.Combine(source, f.Substring(destination.Length).TrimStart('/', '\\'))))
            .ToList();

    private static void DeleteFiles(
        IEnumerable<string> files, ISyncContext context, List<string> errors, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                File.Delete(file);
                context.Counters.AddDeleted();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Counters.AddFailed();
                context.Log(SyncLogLevel.Warning, $"Could not delete '{file}': {e.Message}");
                errors.Add($"'{file}': {e.Message}");
            }
        }
    }
}
