using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Execution;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>
/// The compiled sample plugin 'csv' (samples/compiled/CsvSync), loaded from its published folder and run by the
/// engine: one JSON file per row of a CSV file.
/// </summary>
public sealed class CsvSamplePluginTests : IDisposable
{
    private readonly TestStore _test = new();
    private readonly PluginRegistry _registry;
    private readonly string _csv;
    private readonly string _destination;

    public CsvSamplePluginTests()
    {
        var directory = _test.Root.Combine("plugins");
        PluginFixtures.CopyFolder(PluginFixtures.CsvSync, directory);
        _registry = PluginRegistry.Load(new[] { directory }, new IPluginLoader[] { new AssemblyPluginLoader() });
        Assert.Empty(_registry.LoadErrors);
        _csv = _test.Root.Combine("source", "people.csv");
        _destination = _test.Root.Combine("people");
        Configure();
    }

    public void Dispose() => _test.Dispose();

    private ConfigurationService Configurations => new(_test.Store, _registry);

    private void Configure(params (string Name, object? Value)[] settings)
    {
        var values = new Dictionary<string, object?> { ["Path"] = _csv, ["Destination"] = _destination };
        foreach (var (name, value) in settings)
        {
            values[name] = value;
        }

        Configurations.Set("csv", TestStore.Update(enabled: true, settings: values));
    }

    private void WriteCsv(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_csv)!);
        File.WriteAllText(_csv, text);
    }

    private Task<SyncResult> RunAsync(ISyncEventSink? sink = null, CancellationToken cancellationToken = default) =>
        new SyncExecutor(_test.Store, _registry).RunAsync("csv", sink, cancellationToken);

    private Task<IReadOnlyList<PluginCheckResult>> CheckAsync() =>
        new ConfigurationChecker(_test.Store, _registry).CheckAsync("csv", default);

    private string[] DestinationFiles() =>
        Directory.GetFiles(_destination).Select(f => Path.GetFileName(f)!).OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    private string Record(string fileName) => File.ReadAllText(Path.Combine(_destination, fileName));

    [Fact]
    public async Task WritesEachRowAsAJsonObjectOfItsColumnsInHeaderOrder()
    {
        WriteCsv("id,name,team\r\n7,Ada,engines\r\n");

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        Assert.Equal("{\n  \"id\": \"7\",\n  \"name\": \"Ada\",\n  \"team\": \"engines\"\n}\n", Record("7.json"));
    }

    [Fact]
    public async Task ReadsQuotedFieldsHoldingTheDelimiterLineBreaksAndDoubledQuotes()
    {
        WriteCsv("id,note\n1,\"one, two\"\n2,\"line\nbreak\"\n3,\"say \"\"hi\"\"\"\n");

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        Assert.Equal(3L, result.Created);
        Assert.Contains("\"note\": \"one, two\"", Record("1.json"));
        Assert.Contains("\"note\": \"line\\nbreak\"", Record("2.json"));
        Assert.Contains("\"note\": \"say \\\"hi\\\"\"", Record("3.json"));
    }

    [Fact]
    public async Task ReadsTheDelimiterAndKeyColumnSettings()
    {
        WriteCsv("name;login\nAda Lovelace;ada\nGrace Hopper;grace\n");
        Configure(("Delimiter", ";"), ("KeyColumn", "login"));

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        Assert.Equal(new[] { "ada.json", "grace.json" }, DestinationFiles());
    }

    [Fact]
    public async Task ARunOverAnUnchangedFileSkipsEveryRowAndSaysTheSourceDidNotChange()
    {
        WriteCsv("id,name\n1,Ada\n2,Grace\n");
        var first = await RunAsync();

        var second = await RunAsync();

        Assert.Equal(true, first.Data["SourceChanged"]);
        Assert.Equal(false, second.Data["SourceChanged"]);
        Assert.Equal((2L, 0L, 0L, 2L), (second.Processed, second.Created, second.Updated, second.Skipped));
    }

    [Fact]
    public async Task AFileDeletedFromTheDestinationIsWrittenAgainThoughTheCsvDidNotChange()
    {
        WriteCsv("id,name\n1,Ada\n2,Grace\n");
        await RunAsync();
        File.Delete(Path.Combine(_destination, "2.json"));

        var result = await RunAsync();

        Assert.Equal((1L, 1L), (result.Created, result.Skipped));
        Assert.Equal(new[] { "1.json", "2.json" }, DestinationFiles());
    }

    [Fact]
    public async Task DeletesTheFilesOfRowsGoneFromTheCsvOnlyWhenDeleteIsSet()
    {
        WriteCsv("id,name\n1,Ada\n2,Grace\n3,Linus\n");
        await RunAsync();
        WriteCsv("id,name\n1,Ada\n");
        File.WriteAllText(Path.Combine(_destination, "notes.txt"), "not a record");

        var kept = await RunAsync();
        Configure(("Delete", true));
        var deleted = await RunAsync();

        Assert.Equal(0L, kept.Deleted);
        Assert.Equal(2L, deleted.Deleted);
        Assert.Equal(new[] { "1.json", "notes.txt" }, DestinationFiles());
    }

    [Fact]
    public async Task NeverWritesOutsideTheDestinationWhateverTheKey()
    {
        WriteCsv("id,name\n../escape,Mallory\n.hidden,Eve\na/b\\c:d,Trent\n");

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        Assert.Equal(new[] { "_.._escape.json", "_.hidden.json", "a_b_c_d.json" }, DestinationFiles());
        Assert.Equal(new[] { "people.csv" }, Directory.GetFiles(Path.GetDirectoryName(_csv)!).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ARowThatCannotBeSyncedFailsTheRunAndKeepsThePreviousState()
    {
        WriteCsv("id,name\n1,Ada\n");
        await RunAsync();
        var state = _test.Store.States.Get("csv");
        WriteCsv("id,name\n1,Ada\n2,Grace\n2,Linus\n3\n");

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains("2 rows could not be synced", result.Error);
        Assert.Contains("line 4 repeats the key '2'", result.Error);
        Assert.Contains("line 5 has 1 fields; the header has 2", result.Error);
        Assert.Equal((4L, 1L, 2L), (result.Processed, result.Created, result.Failed));
        Assert.Equal(state, _test.Store.States.Get("csv"));
    }

    [Fact]
    public async Task AMissingKeyColumnFailsTheRunNamingTheColumnsThereAre()
    {
        WriteCsv("login,name\nada,Ada\n");

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains("has no column 'id'; its columns are login, name", result.Error);
        Assert.False(Directory.Exists(_destination));
    }

    [Fact]
    public async Task LogsWhatItReadAndReportsProgressUpToAHundredPercent()
    {
        WriteCsv("id\n" + string.Join("\n", Enumerable.Range(1, 250)) + "\n");
        var sink = new RecordingEventSink();

        await RunAsync(sink);

        Assert.Contains(sink.Logs, l => l.Level == SyncLogLevel.Verbose && l.Message.StartsWith("Read 250 rows from"));
        Assert.Equal(new[] { 40, 80, 100 }, sink.ProgressReports.Select(p => p.Percent));
        Assert.Equal("Row 250 of 250", sink.ProgressReports.Last().Status);
    }

    [Fact]
    public async Task StopsBeforeTheNextRowOnceItsRunIsCancelled()
    {
        WriteCsv("id\n1\n2\n3\n");
        using var cancellation = new CancellationTokenSource();

        var result = await RunAsync(new CancelOnFirstLog(cancellation), cancellation.Token);

        Assert.Equal(SyncErrorType.Cancelled, result.ErrorType);
        Assert.Empty(DestinationFiles());
        Assert.Null(_test.Store.States.Get("csv"));
    }

    [Fact]
    public void RefusesTextForTheBooleanSettingDeleteNamingTheTypeItTakes()
    {
        var error = Assert.Throws<PluginSyncException>(() => Configure(("Delete", "yes")));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
        Assert.Contains("takes $true or $false", error.Message);
    }

    [Fact]
    public async Task ItsCheckPassesForADestinationThatARunWouldCreate()
    {
        WriteCsv("id\n1\n");

        var checks = await CheckAsync();

        var destination = Assert.Single(checks, c => c.Check == "Destination writable");
        Assert.True(destination.Passed, destination.Message);
        Assert.Contains("does not exist yet", destination.Message);
        Assert.False(Directory.Exists(_destination));
        Assert.Empty(Directory.GetFiles(_test.Root.Path));
    }

    [Fact]
    public async Task ItsCheckNamesAMissingSourceFile()
    {
        var checks = await CheckAsync();

        var source = Assert.Single(checks, c => c.Check == "Source readable");
        Assert.False(source.Passed);
        Assert.Contains($"'{_csv}' does not exist", source.Message);
    }

    [Fact]
    public async Task ItsCheckNamesAMissingKeyColumn()
    {
        WriteCsv("login,name\nada,Ada\n");

        var checks = await CheckAsync();

        var source = Assert.Single(checks, c => c.Check == "Source readable");
        Assert.False(source.Passed);
        Assert.Contains("no column 'id'; its columns are login, name", source.Message);
    }

    [Fact]
    public async Task ItsCheckFailsForADestinationThatIsAFile()
    {
        WriteCsv("id\n1\n");
        File.WriteAllText(_destination, "");

        var checks = await CheckAsync();

        var destination = Assert.Single(checks, c => c.Check == "Destination writable");
        Assert.False(destination.Passed);
        Assert.Contains("is a file, not a folder", destination.Message);
    }

    /// <summary>Cancels the run when the plugin logs what it read, which it does before its first row.</summary>
    private sealed class CancelOnFirstLog : ISyncEventSink
    {
        private readonly CancellationTokenSource _cancellation;

        public CancelOnFirstLog(CancellationTokenSource cancellation) => _cancellation = cancellation;

        public void Log(string pluginName, SyncLogLevel level, string message)
        {
            if (message.StartsWith("Read ", StringComparison.Ordinal))
            {
                _cancellation.Cancel();
            }
        }

        public void Progress(string pluginName, int percentComplete, string status)
        {
        }
    }
}
