using System;
using System.IO;
using System.Text;
using LiteDB;
using PluginSync.Engine.Errors;

namespace PluginSync.Engine.Storage;

/// <summary>
/// Checks an existing store file before it is opened for writing. LiteDB repairs what it reads as it opens a
/// file, even read-only (it truncates a file whose length is not a whole number of pages), so a damaged file
/// must be recognised without LiteDB first, and then probed read-only, before a writable open can alter it.
/// </summary>
internal static class StoreFileCheck
{
    private const int PageSize = 8192;
    private const int HeaderOffset = 32;
    private const byte FileVersion = 8;
    private static readonly byte[] HeaderText = Encoding.ASCII.GetBytes("** This is a LiteDB file **");

    /// <summary>Throws <c>StoreFileCorrupt</c> unless <paramref name="path"/> looks like a sound store file.</summary>
    public static void Verify(string path)
    {
        var problem = CheckHeader(path);
        if (problem is not null)
        {
            throw Corrupt(path, problem, null);
        }

        // LiteDB replays its log file into the store as it opens it; a damaged log would be written into the store
        // (a page id from random bytes can grow the file to terabytes), so the log is checked first as well.
        var log = LogFileOf(path);
        problem = CheckLogSettled(log, path);
        if (problem is not null)
        {
            throw Corrupt(log, problem, null);
        }

        try
        {
            var readOnly = new ConnectionString
            {
                Filename = path,
                Connection = ConnectionType.Shared,
                ReadOnly = true,
            };
            using var database = new LiteDatabase(readOnly);
            foreach (var name in database.GetCollectionNames())
            {
                // The first and the last document of each collection, through its id index: this reads every
                // collection's own page and both ends of its index, as a count would, but does not walk the whole
                // index, which for a million history records would cost every command a second.
                var collection = database.GetCollection(name);
                collection.Query().OrderBy("_id").Limit(1).ToList();
                collection.Query().OrderByDescending("_id").Limit(1).ToList();
            }
        }
        catch (Exception e) when (e is not IOException and not UnauthorizedAccessException)
        {
            throw Corrupt(path, e.Message, e);
        }
    }

    /// <summary>The error for a damaged store file: it names the path and promises the file was left alone.</summary>
    public static PluginSyncException Corrupt(string path, string problem, Exception? inner) => new(
        "StoreFileCorrupt",
        PluginSyncErrorKind.InvalidData,
        $"The store file '{path}' is not a readable PluginSync store ({problem}). It was left as it is. Restore it " +
        $"from a backup, or point {StoreLocation.HomeVariable} at another folder.",
        path,
        inner);

    /// <summary>Checks the log file when there is one. The caller looks again when it seems damaged, since
    /// another process may be writing it at this moment.</summary>
    private static string? CheckLogSettled(string log, string path)
    {
        try
        {
            return File.Exists(log) ? CheckLog(log, new FileInfo(path).Length) : null;
        }
        catch (FileNotFoundException)
        {
            return null; // another process checkpointed and removed the log meanwhile
        }
    }

    /// <summary>The log file LiteDB keeps beside a store file: <c>name-log.ext</c>.</summary>
    public static string LogFileOf(string path) =>
        Path.Combine(
            Path.GetDirectoryName(path)!,
            Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    /// <summary>
    /// Checks each page header of a log file: a known page type (empty, header, collection, index or data), a
    /// confirmed flag of 0 or 1, and a page id no larger than the store could have grown to with these pages.
    /// </summary>
    private static string? CheckLog(string log, long dataLength)
    {
        const int TypeOffset = 4;
        const int ConfirmedOffset = 18;
        const byte LastPageType = 4;

        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length % PageSize != 0)
        {
            return $"its length, {stream.Length} bytes, is not a whole number of {PageSize}-byte pages";
        }

        var largestPageId = (dataLength + stream.Length) / PageSize;
        var page = new byte[PageSize];
        for (long index = 0; index < stream.Length / PageSize; index++)
        {
            if (ReadFully(stream, page) < PageSize)
            {
                return $"page {index} cannot be read whole";
            }

            var id = BitConverter.ToUInt32(page, 0);
            if (page[TypeOffset] > LastPageType || page[ConfirmedOffset] > 1 || id > largestPageId)
            {
                return $"page {index} of the log has a damaged header (page id {id}, type {page[TypeOffset]}, " +
                       $"confirmed flag {page[ConfirmedOffset]})";
            }
        }

        return null;
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var count = stream.Read(buffer, read, buffer.Length - read);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        return read;
    }

    private static string? CheckHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length % PageSize != 0)
        {
            return $"its length, {stream.Length} bytes, is not a whole number of {PageSize}-byte pages";
        }

        var header = new byte[HeaderOffset + HeaderText.Length + 1];
        var read = 0;
        while (read < header.Length)
        {
            var count = stream.Read(header, read, header.Length - read);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        for (var i = 0; i < HeaderText.Length; i++)
        {
            if (read < header.Length || header[HeaderOffset + i] != HeaderText[i])
            {
                return "it has no LiteDB header";
            }
        }

        var version = header[HeaderOffset + HeaderText.Length];
        return version == FileVersion ? null : $"its LiteDB file version is {version}, not {FileVersion}";
    }
}
