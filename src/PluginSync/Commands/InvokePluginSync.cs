using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using PluginSync.Completers;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Execution;
using PluginSync.Engine.Storage;
using PluginSync.Hosting;

namespace PluginSync.Commands;

/// <summary>
/// Runs sync plugins.
/// Runs each named plugin, or every enabled plugin with -All (in parallel up to -ThrottleLimit), and returns one
/// result per run. A failed run is also written as a non-terminating error; a skipped run (NotEnabled,
/// AlreadyRunning) as a warning.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "PluginSync", DefaultParameterSetName = NameSet, SupportsShouldProcess = true)]
[OutputType(typeof(SyncResult), typeof(SyncSummary))]
public sealed class InvokePluginSyncCommand : PluginSyncCommandBase
{
    private const string NameSet = "Name";
    private const string AllSet = "All";
    private static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(100);

    private const int DefaultThrottleLimit = 4;

    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly List<SyncResult> _results = new();
    // The runs under way, by plugin name; what is left here when the pipeline stops is what must still finish.
    private readonly Dictionary<Task<SyncResult>, string> _running = new();
    private SyncExecutor? _executor;
    private readonly Dictionary<string, int> _activities = new(StringComparer.OrdinalIgnoreCase);
    private bool _progressShown;

    /// <summary>
    /// The plugins to run. Binds from the pipeline by value and by property name, so
    /// Get-PluginConfiguration and Get-SyncPlugin output can be piped in.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true,
        ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
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

    /// <summary>
    /// How many plugins run at the same time with -All. Results are written as runs finish, so with more than one
    /// at a time their order is the order in which they finished.
    /// </summary>
    [Parameter(ParameterSetName = AllSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>
    /// The longest a run may take, retries included, in seconds. Replaces the timeout of each configuration for
    /// this command. A run that passes it ends as TimedOut.
    /// </summary>
    [Parameter]
    [ValidateRange(1, RunPolicy.TimeoutLimitSeconds)]
    public int? TimeoutSeconds { get; set; }

    private SyncExecutor Executor => _executor ??= new SyncExecutor(Store, Registry);

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == NameSet)
        {
            RunAll(Name, throttleLimit: 1);
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        try
        {
            if (All)
            {
                // Without a store nothing is enabled; asking must not create one, but the operator must know.
                if (!StoreExists)
                {
                    WriteWarning($"There is no store yet at the location {StoreLocation.HomeVariable} names (or the " +
                                 "default one), so no plugin is enabled and nothing runs.");
                }

                var names = StoreExists ? Executor.EnabledPluginNames() : Array.Empty<string>();
                WriteVerbose($"Found {names.Count} enabled configurations; running up to {ThrottleLimit} at a time.");
                RunAll(names, ThrottleLimit);
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

    /// <summary>
    /// Runs <paramref name="names"/>, at most <paramref name="throttleLimit"/> at a time, on worker threads, while
    /// this thread writes what they report: PowerShell's streams may only be written from the pipeline thread.
    /// </summary>
    private void RunAll(IReadOnlyList<string> names, int throttleLimit)
    {
        var pending = new Queue<string>(names);
        var total = names.Count;
        var done = 0;
        using var sink = new QueuedEventSink();
        var options = new SyncRunOptions { TimeoutSeconds = TimeoutSeconds };

        while (pending.Count > 0 || _running.Count > 0)
        {
            while (_running.Count < throttleLimit && pending.Count > 0)
            {
                var name = pending.Dequeue();
                if (ShouldProcess(name, "Run sync"))
                {
                    var run = Executor.RunAsync(name, options, sink, CancellationToken);
                    _running[run] = name;
                }
                else
                {
                    total--;
                }
            }

            if (_running.Count == 0)
            {
                break;
            }

            WriteOverallProgress(done, total, _running.Values);
            if (sink.TryTake(PumpInterval, out var next))
            {
                Write(next!);
            }

            foreach (var finished in _running.Keys.Where(t => t.IsCompleted).ToList())
            {
                var name = _running[finished];
                _running.Remove(finished);
                done++;
                DrainEvents(sink);
                Emit(name, finished);
            }
        }

        DrainEvents(sink);
    }

    /// <summary>
    /// When the pipeline stops (Ctrl+C), the runs have been asked to stop; each is given the time a plugin gets to
    /// stop, so it can close its history record as Cancelled before the store closes under it.
    /// </summary>
    protected override void BeforeStoreCloses()
    {
        var unfinished = _running.Keys.Where(t => !t.IsCompleted).Select(t => (Task)t).ToArray();
        if (unfinished.Length > 0)
        {
            Task.WaitAll(unfinished, StopWait);
        }
    }

    private void DrainEvents(QueuedEventSink sink)
    {
        while (sink.TryTake(TimeSpan.Zero, out var next))
        {
            Write(next!);
        }
    }

    private void Emit(string name, Task<SyncResult> finished)
    {
        SyncResult result;
        try
        {
            result = finished.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not PipelineStoppedException)
        {
            // The run still counts, as Failed, so a summary never undercounts what was asked for.
            _results.Add(SyncResult.EngineFailure(name, e.Message, DateTime.UtcNow));
            WriteError(e is PluginSyncException known
                ? ErrorRecords.From(known)
                : new ErrorRecord(e, "SyncEngineFailed", ErrorCategory.NotSpecified, name));
            return;
        }

        _results.Add(result);
        if (!Summary)
        {
            WriteObject(result);
        }

        if (SyncSummary.BucketOf(result.ErrorType) == SyncBucket.Skipped)
        {
            WriteWarning(result.Error ?? $"The run of '{result.PluginName}' was skipped ({result.ErrorType}).");
            return;
        }

        if (!result.Success)
        {
            WriteError(new SyncFailedException(result).ToErrorRecord());
        }
    }

    private void WriteOverallProgress(int done, int total, IEnumerable<string> running)
    {
        var names = string.Join(", ", running);
        var status = $"{done} of {total} done; running: {names}";
        var percent = total == 0 ? 0 : Math.Min(100, done * 100 / total);
        WriteProgress(new ProgressRecord(0, "Invoke-PluginSync", status) { PercentComplete = percent });
        _progressShown = true;
    }

    private void Write(SyncEvent syncEvent)
    {
        var text = $"[{syncEvent.PluginName}] {syncEvent.Message}";
        switch (syncEvent.Level)
        {
            case null:
                var record = new ProgressRecord(ActivityOf(syncEvent.PluginName), $"Sync '{syncEvent.PluginName}'",
                    Status(syncEvent.Message))
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

    /// <summary>
    /// Each plugin's progress gets its own bar under the overall one, so parallel runs do not share one.
    /// </summary>
    private int ActivityOf(string pluginName)
    {
        if (!_activities.TryGetValue(pluginName, out var id))
        {
            id = _activities.Count + 1;
            _activities[pluginName] = id;
        }

        return id;
    }

    private static string Status(string message) => string.IsNullOrEmpty(message) ? "Running" : message;

    private void CompleteProgress()
    {
        if (!_progressShown)
        {
            return;
        }

        foreach (var pair in _activities)
        {
            WriteProgress(new ProgressRecord(pair.Value, $"Sync '{pair.Key}'", "Done")
            {
                ParentActivityId = 0,
                RecordType = ProgressRecordType.Completed,
            });
        }

        WriteProgress(new ProgressRecord(0, "Invoke-PluginSync", "Done") { RecordType = ProgressRecordType.Completed });
    }
}
