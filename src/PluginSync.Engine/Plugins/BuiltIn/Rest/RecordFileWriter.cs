using System;
using System.IO;
using System.Linq;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>
/// Writes record files into the destination folder. A file is written beside its final name and then moved over
/// it, so a crash or a full disk never leaves a half-written record file under its final name.
/// </summary>
internal sealed class RecordFileWriter
{
    /// <summary>Temporary files end with this, so they are never mistaken for record files.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <param name="destination">The folder, which the run creates before it writes the first record.</param>
    public RecordFileWriter(string destination)
    {
        Destination = destination;
    }

    /// <summary>The destination folder, as a full path.</summary>
    public string Destination { get; }

    /// <summary>Writes <paramref name="content"/> as <paramref name="fileName"/> unless the file already holds it.
    /// </summary>
    /// <exception cref="IOException">The file could not be read or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file or folder may not be written.</exception>
    public RecordChange Write(string fileName, byte[] content)
    {
        var target = Path.Combine(Destination, fileName);
        var exists = File.Exists(target);
        if (exists && SameContent(target, content))
        {
            return RecordChange.Unchanged;
        }

        var temporary = Path.Combine(Destination, $".{fileName}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content, 0, content.Length);

                // On disk before the move, so that after a power loss the final name holds old or new, never part.
                stream.Flush(flushToDisk: true);
            }

            if (exists)
            {
                File.Replace(temporary, target, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, target);
            }
        }
        finally
        {
            TryDelete(temporary);
        }

        return exists ? RecordChange.Updated : RecordChange.Created;
    }

    private static bool SameContent(string path, byte[] content)
    {
        var info = new FileInfo(path);
        return info.Length == content.Length && File.ReadAllBytes(path).SequenceEqual(content);
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
            // Limitation: a temporary file that cannot be deleted stays in the destination; its name starts with
            // '.' and ends with ".tmp", so it is never read as a record.
        }
    }
}
