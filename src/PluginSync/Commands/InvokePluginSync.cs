using System;
using System.Collections.Generic;
using System.Management.Automation;
using PluginSync.Completers;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Execution;
using PluginSync.Hosting;

namespace PluginSync.Commands;

/// <summary>
/// Runs sync plugins.
/// Runs each named plugin, or every enabled plugin with -All, and returns one result
/// per run. A failed run is also written as a non-terminating error.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "PluginSync", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(SyncResult), typeof(SyncSummary))]
public sealed class InvokePluginSyncCommand : PluginSyncCommandBase
{
    private const string NameSet = "Name";
    private const string AllSet = "All";
    private static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(100);

    private readonly List<SyncResult> _results = new();
    private SyncExecutor? _executor;
    private int _started;

    /// <summary>
    /// The plugins to run. Binds from the pipeline by value and by property name, so
    /// Get-PluginConfiguration and Get-SyncPlugin output can be piped in.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true,
        ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [ValidateNotNullOrEmpty]
    [ValidatePluginName]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Runs every enabled plugin, in name order.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    /// <summary>
    /// Returns one summary object (Total, Successful, Failed, Skipped and the results)
    /// instead of one result per run.
    /// </summary>
    [Parameter]
    public SwitchParameter Summary { get; set; }

    private SyncExecutor Executor => _executor ??= new SyncExecutor(Store, Registry);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == NameSet)
        {
            foreach (var name in Name)
            {
                Run(name);
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        try
        {
            if (All)
            {
                RunAll();
            }

            CompleteProgress();
            if (Summary)
            {
                WriteObject(new SyncSummary(_results));
            }
        }
        finally
        {
            base.EndProcessing();
        }
    }

    private void RunAll()
    {
        var names = Executor.EnabledPluginNames();
        WriteVerbose($"Found {names.Count} enabled configurations.");
        foreach (var name in names)
        {
            Run(name);
        }
    }

    private void Run(string name)
    {
        if (!ShouldProcess(name, "Run sync"))
        {
            return;
        }

        _started++;
        WriteProgress(new ProgressRecord(0, "Invoke-PluginSync", $"Running '{name}' (run {_started})"));

        SyncResult result;
        try
        {
            result = RunWithEvents(name);
        }
        catch (PluginSyncException e)
        {
            WriteEngineError(e);
            return;
        }

        _results.Add(result);
        if (!Summary)
        {
            WriteObject(result);
        }

        if (!result.Success)
        {
            WriteError(new SyncFailedException(result).ToErrorRecord());
        }
    }

    /// <summary>Runs one plugin on a worker thread while this thread writes what it reports.</summary>
    private SyncResult RunWithEvents(string name)
    {
        using var sink = new QueuedEventSink();
        var run = Executor.RunAsync(name, sink, CancellationToken);

        while (!run.IsCompleted)
        {
            if (sink.TryTake(PumpInterval, out var next))
            {
                Write(next!);
            }
        }

        while (sink.TryTake(TimeSpan.Zero, out var rest))
        {
            Write(rest!);
        }

        return run.GetAwaiter().GetResult();
    }

    private void Write(SyncEvent syncEvent)
    {
        var text = $"[{syncEvent.PluginName}] {syncEvent.Message}";
        switch (syncEvent.Level)
        {
            case null:
                var record = new ProgressRecord(1, $"Sync '{syncEvent.PluginName}'", Status(syncEvent.Message))
                {
                    ParentActivityId = 0,
                    PercentComplete = Math.Min(100, syncEvent.PercentComplete),
                };
                WriteProgress(record);
                break;
            case SyncLogLevel.Warning:
                WriteWarning(text);
                break;
            case SyncLogLevel.Debug:
                WriteDebug(text);
                break;
            default:
                WriteVerbose(text);
                break;
        }
    }

    private static string Status(string message) => string.IsNullOrEmpty(message) ? "Running" : message;

    private void CompleteProgress()
    {
        if (_started == 0)
        {
            return;
        }

        WriteProgress(new ProgressRecord(1, "Sync", "Done") { ParentActivityId = 0, RecordType = ProgressRecordType.Completed });
        WriteProgress(new ProgressRecord(0, "Invoke-PluginSync", "Done") { RecordType = ProgressRecordType.Completed });
    }
}
