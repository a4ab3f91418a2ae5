using System;
using System.IO;
using System.Text;
using PluginSync.Engine.Errors;

namespace PluginSync.Engine.Reporting;

/// <summary>
/// Writes a file whole or not at all: the text goes to a temporary file in the same folder, which then replaces
/// the target in one step. A reader never sees half a report, and a failed write leaves an existing file as it
/// was.
/// </summary>
internal static class ReportFile
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes what <paramref name="write"/> produces to <paramref name="path"/>, a full path.</summary>
    public static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var folder = Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            throw new PluginSyncException(
                "ReportFolderNotFound",
                PluginSyncErrorKind.NotFound,
                $"The folder '{folder}' of the report path '{path}' does not exist. Create it first, or give a " +
                "path in an existing folder.",
                path);
        }

        if (Directory.Exists(path))
        {
            throw new PluginSyncException(
                "ReportPathIsFolder",
                PluginSyncErrorKind.InvalidArgument,
                $"The report path '{path}' is a folder. Give the path of a file, such as " +
                $"'{Path.Combine(path, "report.html")}'.",
                path);
        }

        // In the target's folder, so that the final move is a rename on one volume and never a copy.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, Utf8))
            {
                write(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(path))
            {
                File.Replace(temporary, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginSyncException(
                "ReportWriteFailed",
                PluginSyncErrorKind.ResourceUnavailable,
                $"The report could not be written to '{path}': {e.Message}",
                path,
                e);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The write itself has already been reported, or succeeded; a stray temporary file must not hide that.
        }
    }
}
