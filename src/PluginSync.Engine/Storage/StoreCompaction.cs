using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LiteDB;
using LiteDB.Engine;
using PluginSync.Engine.Errors;

namespace PluginSync.Engine.Storage;

/// <summary>
/// Compacts the store file with LiteDB's rebuild: every document is copied into a new file, which then takes the
/// old one's place. LiteDB does this while holding the lock every process takes for each operation on the store,
/// and in Shared mode a process opens the file again for every operation, so a run or a query in another process
/// waits for the rebuild and then carries on with the new file.
/// </summary>
internal static class StoreCompaction
{
    /// <summary>Compacts the store file <paramref name="filePath"/>, open as <paramref name="db"/>.</summary>
    public static bool Run(LiteDatabase db, string filePath)
    {
        var backup = FreeSuffixedName(filePath, "-backup");
        var logBackup = FreeSuffixedName(LogFileOf(filePath), "-backup");
        var temporary = FreeSuffixedName(filePath, "-temp");

        // Limitation: LiteDB 5.0.21's rebuild fails with "Detected loop in FindAll" on a collection that has more
        // than 2,550 documents and a secondary index (it bounds its walk of the new file by that file's size, which
        // starts at zero). So the secondary indexes are dropped first and built again on the compacted file.
        // Meanwhile a query in another process is answered without them: correctly, only more slowly. A process
        // that stops in between leaves them to the next open, which ensures every index the store uses.
        var indexes = SecondaryIndexes(db);
        foreach (var index in indexes)
        {
            db.GetCollection(index.Collection).DropIndex(index.Name);
        }

        var options = new RebuildOptions { Collation = db.Collation };
        try
        {
            db.Rebuild(options);
        }
        catch
        {
            // The rebuild stopped before the new file took the old one's place: the old one is untouched.
            Delete(temporary, LogFileOf(temporary));
            throw;
        }
        finally
        {
            foreach (var index in indexes)
            {
                db.GetCollection(index.Collection).EnsureIndex(index.Name, index.Expression, index.Unique);
            }
        }

        if (options.GetErrorReport().Any())
        {
            throw new PluginSyncException(
                "StoreCompactionIncomplete",
                PluginSyncErrorKind.InvalidData,
                $"The store file '{filePath}' was compacted, but some of its pages could not be read. The file as it " +
                $"was before is kept as '{backup}': restore it from there if anything is missing.",
                filePath);
        }

        // LiteDB keeps the old file beside the new one; it is a full copy, so it goes once the rebuild read it all.
        Delete(backup, logBackup);
        return true;
    }

    /// <summary>The log file LiteDB keeps beside <paramref name="filePath"/>: name-log.ext.</summary>
    public static string LogFileOf(string filePath) => Path.Combine(
        Path.GetDirectoryName(filePath)!,
        Path.GetFileNameWithoutExtension(filePath) + "-log" + Path.GetExtension(filePath));

    private static List<(string Collection, string Name, BsonExpression Expression, bool Unique)> SecondaryIndexes(
        LiteDatabase db) =>
        db.GetCollection("$indexes").FindAll()
            .Where(i => i["name"].AsString != "_id")
            .Select(i => (
                i["collection"].AsString,
                i["name"].AsString,
                BsonExpression.Create(i["expression"].AsString),
                i["unique"].AsBoolean))
            .ToList();

    // The name LiteDB's rebuild gives a file it makes or keeps beside the store: name-suffix.ext, or
    // name-suffix-N.ext with the first free N when that is taken.
    private static string FreeSuffixedName(string path, string suffix)
    {
        var folder = Path.GetDirectoryName(path)!;
        var stem = Path.GetFileNameWithoutExtension(path) + suffix;
        var extension = Path.GetExtension(path);
        var candidate = Path.Combine(folder, stem + extension);
        for (var n = 1; File.Exists(candidate); n++)
        {
            candidate = Path.Combine(folder, $"{stem}-{n}{extension}");
        }

        return candidate;
    }

    private static void Delete(params string[] paths)
    {
        foreach (var path in paths.Where(File.Exists))
        {
            File.Delete(path);
        }
    }
}
