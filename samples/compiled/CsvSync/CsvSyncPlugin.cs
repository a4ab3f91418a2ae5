using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Samples.CsvSync;

/// <summary>
/// A sample assembly plugin. It reads a CSV file whose first line names the columns, and writes one JSON file per
/// row into a destination folder, named after the row's key (<c>42.json</c> for the key 42). A row whose file is
/// missing is created, a row whose file differs is updated, and a row whose file is already right is skipped as
/// unchanged. With <c>Delete</c>, the JSON files of rows gone from the CSV are deleted.
/// </summary>
/// <remarks>
/// The plugin's state is the SHA-256 hash of the CSV file the last successful run synced. When the file has not
/// changed since, a row whose file exists is counted as unchanged without reading that file. The whole CSV file
/// is read into memory, which suits files of up to a few hundred thousand rows.
/// </remarks>
public sealed class CsvSyncPlugin : ISyncPlugin, ISyncPluginCheck
{
    /// <summary>The name of the setting that holds the CSV file's path.</summary>
    public const string PathSetting = "Path";

    /// <summary>The name of the setting that holds the destination folder.</summary>
    public const string DestinationSetting = "Destination";

    /// <summary>The name of the setting that names the key column.</summary>
    public const string KeyColumnSetting = "KeyColumn";

    /// <summary>The name of the setting that holds the delimiter.</summary>
    public const string DelimiterSetting = "Delimiter";

    /// <summary>The name of the setting that turns on deleting files of rows gone from the CSV.</summary>
    public const string DeleteSetting = "Delete";

    private const int ProgressEvery = 100;
    private const string StatePrefix = "sha256:";
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <inheritdoc />
    public string Name => "csv";

    /// <inheritdoc />
    public Version Version { get; } = new(1, 0, 0);

    /// <inheritdoc />
    public string Description => "Writes one JSON file per row of a CSV file into a folder, named after the row's key.";

    /// <inheritdoc />
    public IReadOnlyList<PluginCredential> Credentials { get; } = Array.Empty<PluginCredential>();

    /// <inheritdoc />
    public IReadOnlyList<PluginSetting> Settings { get; } = new[]
    {
        new PluginSetting(
            PathSetting, SettingType.Path, required: true,
            description: "The CSV file to read. Its first line names the columns."),
        new PluginSetting(
            DestinationSetting, SettingType.Path, required: true,
            description: "The folder that receives one JSON file per row. The first run creates it."),
        new PluginSetting(
            KeyColumnSetting, SettingType.String, defaultValue: "id",
            description: "The column whose value names each row's file. Each row needs a different key."),
        new PluginSetting(
            DelimiterSetting, SettingType.String, defaultValue: ",",
            description: "The character between fields.", allowedValues: new object[] { ",", ";", "|", "\t" }),
        new PluginSetting(
            DeleteSetting, SettingType.Boolean, defaultValue: false,
            description: "Delete the JSON files in the destination whose row is gone from the CSV."),
    };

    /// <inheritdoc />
    public Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        // The engine calls this on a thread of its own, so the plain, blocking file calls below hold up nothing.
        var options = CsvSyncOptions.From(context.Settings);
        if (!File.Exists(options.Source))
        {
            return Failed($"The CSV file '{options.Source}' does not exist.");
        }

        if (File.Exists(options.Destination))
        {
            return Failed($"The destination '{options.Destination}' is a file, not a folder.");
        }

        // The hash and the rows come from the same bytes, so the state always describes what was synced.
        var bytes = File.ReadAllBytes(options.Source);
        var state = StatePrefix + Hash(bytes);
        CsvTable table;
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Utf8, detectEncodingFromByteOrderMarks: true);
            table = CsvTable.Read(reader, options.Delimiter, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            return Failed($"The CSV file '{options.Source}' cannot be read: {e.Message}");
        }

        var keyIndex = table.IndexOf(options.KeyColumn);
        if (keyIndex < 0)
        {
            return Failed($"The CSV file '{options.Source}' has no column '{options.KeyColumn}'; its columns are " +
                          $"{string.Join(", ", table.Header)}. Set {KeyColumnSetting} to one of them.");
        }

        var sourceChanged = context.PreviousState != state;
        context.Log(SyncLogLevel.Verbose, sourceChanged
            ? $"Read {table.Rows.Count} rows from '{options.Source}'."
            : $"Read {table.Rows.Count} rows from '{options.Source}', unchanged since the last successful run.");

        Directory.CreateDirectory(options.Destination);
        var run = new RowRun(context, table, keyIndex, options.Destination, sourceChanged);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            run.Sync(table.Rows[i]);
            if ((i + 1) % ProgressEvery == 0 || i + 1 == table.Rows.Count)
            {
                context.ReportProgress((i + 1) * 100 / table.Rows.Count, $"Row {i + 1} of {table.Rows.Count}");
            }
        }

        if (options.Delete)
        {
            run.DeleteRowsGone(cancellationToken);
        }

        var data = new Dictionary<string, object?>
        {
            ["Rows"] = table.Rows.Count,
            ["Destination"] = options.Destination,
            ["SourceChanged"] = sourceChanged,
            ["Unchanged"] = context.Counters.Skipped,
        };

        if (run.Errors.Count > 0)
        {
            var first = string.Join("; ", run.Errors.Take(3));
            return Task.FromResult(SyncOutcome.Failed($"{run.Errors.Count} rows could not be synced: {first}", data));
        }

        context.SetState(state);
        return Task.FromResult(SyncOutcome.Succeeded(data));
    }

    /// <inheritdoc />
    public Task<PluginCheckResult[]> CheckAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        var options = CsvSyncOptions.From(context.Settings);
        return Task.FromResult(new[] { CheckSource(options), CheckDestination(options) });
    }

    private static PluginCheckResult CheckSource(CsvSyncOptions options)
    {
        const string check = "Source readable";
        if (!File.Exists(options.Source))
        {
            return new PluginCheckResult(check, false, $"The CSV file '{options.Source}' does not exist.");
        }

        IReadOnlyList<string> header;
        try
        {
            using var reader = new StreamReader(options.Source, Utf8, detectEncodingFromByteOrderMarks: true);
            header = CsvTable.ReadHeader(reader, options.Delimiter);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PluginCheckResult(
                check, false, $"The CSV file '{options.Source}' cannot be read: {e.Message}");
        }

        if (CsvTable.IndexOf(header, options.KeyColumn) < 0)
        {
            return new PluginCheckResult(check, false,
                $"The CSV file '{options.Source}' has no column '{options.KeyColumn}'; its columns are " +
                $"{string.Join(", ", header)}.");
        }

        return new PluginCheckResult(check, true,
            $"'{options.Source}' can be read; its {header.Count} columns include the key column " +
            $"'{options.KeyColumn}'.");
    }

    private static PluginCheckResult CheckDestination(CsvSyncOptions options)
    {
        const string check = "Destination writable";
        if (File.Exists(options.Destination))
        {
            return new PluginCheckResult(
                check, false, $"The destination '{options.Destination}' is a file, not a folder.");
        }

        // A run creates the destination when it is missing, so the nearest folder that exists must be writable.
        var folder = options.Destination;
        while (!Directory.Exists(folder))
        {
            folder = Path.GetDirectoryName(folder);
            if (folder is null)
            {
                return new PluginCheckResult(check, false, $"No part of '{options.Destination}' exists.");
            }
        }

        var probe = Path.Combine(folder, ".csv-check-" + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new PluginCheckResult(check, false, $"The folder '{folder}' cannot be written: {e.Message}");
        }

        return new PluginCheckResult(check, true, folder == options.Destination
            ? $"'{folder}' can be written."
            : $"'{options.Destination}' does not exist yet; a run creates it in '{folder}', which can be written.");
    }

    private static Task<SyncOutcome> Failed(string message) => Task.FromResult(SyncOutcome.Failed(message));

    private static string Hash(byte[] bytes)
    {
        using var sha = SHA256.Create();
        return BitConverter.ToString(sha.ComputeHash(bytes)).Replace("-", "").ToLowerInvariant();
    }

    /// <summary>What one run writes, row by row, and what it has written so far.</summary>
    private sealed class RowRun
    {
        private readonly ISyncContext _context;
        private readonly CsvTable _table;
        private readonly int _keyIndex;
        private readonly string _destination;
        private readonly bool _sourceChanged;
        private readonly HashSet<string> _fileNames = new(StringComparer.OrdinalIgnoreCase);

        public RowRun(ISyncContext context, CsvTable table, int keyIndex, string destination, bool sourceChanged)
        {
            _context = context;
            _table = table;
            _keyIndex = keyIndex;
            _destination = destination;
            _sourceChanged = sourceChanged;
        }

        public List<string> Errors { get; } = new();

        public void Sync(CsvRecord row)
        {
            var counters = _context.Counters;
            counters.AddProcessed();
            if (row.Fields.Count != _table.Header.Count)
            {
                Fail($"line {row.LineNumber} has {row.Fields.Count} fields; the header has {_table.Header.Count}");
                return;
            }

            var key = row.Fields[_keyIndex];
            var fileName = RecordFileName.FromKey(key);
            if (fileName is null)
            {
                Fail($"line {row.LineNumber} has an empty key, or one longer than " +
                     $"{RecordFileName.MaxKeyLength} characters");
                return;
            }

            if (!_fileNames.Add(fileName))
            {
                Fail($"line {row.LineNumber} repeats the key '{key.Trim()}'");
                return;
            }

            var target = Path.Combine(_destination, fileName);
            try
            {
                Write(target, row);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Fail($"line {row.LineNumber} cannot be written to '{target}': {e.Message}");
            }
        }

        public void DeleteRowsGone(CancellationToken cancellationToken)
        {
            if (Errors.Count > 0)
            {
                // A row that failed has no file name in the list, so its file would look gone.
                _context.Log(SyncLogLevel.Warning, "Deleted nothing, because some rows could not be synced.");
                return;
            }

            foreach (var file in Directory.EnumerateFiles(_destination, "*" + RecordFileName.Extension).ToList())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_fileNames.Contains(Path.GetFileName(file)))
                {
                    continue;
                }

                File.Delete(file);
                _context.Counters.AddDeleted();
                _context.Log(SyncLogLevel.Verbose, $"Deleted '{file}': its row is gone from the CSV.");
            }
        }

        private void Write(string target, CsvRecord row)
        {
            var exists = File.Exists(target);
            if (exists && !_sourceChanged)
            {
                _context.Counters.AddSkipped();
                return;
            }

            var json = JsonRecord.Render(_table.Header, row.Fields);
            if (exists && File.ReadAllText(target, Utf8) == json)
            {
                _context.Counters.AddSkipped();
                return;
            }

            File.WriteAllText(target, json, Utf8);
            if (exists)
            {
                _context.Counters.AddUpdated();
            }
            else
            {
                _context.Counters.AddCreated();
            }
        }

        private void Fail(string problem)
        {
            _context.Counters.AddFailed();
            _context.Log(SyncLogLevel.Warning, $"Could not sync a row: {problem}.");
            Errors.Add(problem);
        }
    }
}
