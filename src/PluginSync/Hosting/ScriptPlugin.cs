using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Hosting;

/// <summary>
/// A plugin written in PowerShell. Each run gets its own runspace, so script plugins run in parallel without
/// sharing variables. The script is called with -Context and -CancellationToken; its verbose, warning and debug
/// lines and its progress reach the run's log and progress; an error it writes or throws fails the run; a
/// hashtable it returns becomes the result's data; a <see cref="SyncOutcome"/> it returns is used as it is.
/// Cancellation and timeouts stop the script the way Ctrl+C would.
/// </summary>
public sealed class ScriptPlugin : ISyncPlugin
{
    private readonly ScriptPluginManifest _manifest;

    public ScriptPlugin(string path, ScriptPluginManifest manifest)
    {
        Path = path;
        _manifest = manifest;
    }

    /// <summary>The script file.</summary>
    public string Path { get; }

    public string Name => _manifest.Name;

    public Version Version => _manifest.Version;

    public string Description => _manifest.Description;

    public IReadOnlyList<PluginCredential> Credentials => _manifest.Credentials;

    public IReadOnlyList<PluginSetting> Settings => _manifest.Settings;

    public Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var initial = InitialSessionState.CreateDefault2();
        initial.Variables.Add(new SessionStateVariableEntry("ErrorActionPreference", ActionPreference.Stop, ""));
        initial.Variables.Add(new SessionStateVariableEntry("VerbosePreference", ActionPreference.Continue, ""));
        initial.Variables.Add(new SessionStateVariableEntry("DebugPreference", ActionPreference.Continue, ""));
        initial.Variables.Add(new SessionStateVariableEntry("ProgressPreference", ActionPreference.Continue, ""));

        using var runspace = RunspaceFactory.CreateRunspace(initial);
        runspace.Open();
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        Forward(shell.Streams, context);

        shell.AddCommand(Path).AddParameter("Context", context).AddParameter("CancellationToken", cancellationToken);
        using var stop = cancellationToken.Register(() => shell.BeginStop(null, null));

        try
        {
            var output = shell.Invoke();
            cancellationToken.ThrowIfCancellationRequested();
            if (shell.Streams.Error.Count > 0)
            {
                // The script let an error pass without stopping (-ErrorAction Continue): it still fails the run,
                // or it would be lost, since nothing reads the error stream of a plugin's runspace.
                return Task.FromResult(SyncOutcome.Failed(shell.Streams.Error[0].Exception.Message));
            }

            // "exit 3" ends a script with nothing returned and a non-zero exit code: to an administrator, a failure.
            // A script that returns something decides its outcome itself, whatever a native command it ran exited
            // with (robocopy's 1 means "files copied").
            if (output.Count == 0 && runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int code && code != 0)
            {
                return Task.FromResult(SyncOutcome.Failed(
                    $"The script returned nothing and its last exit code was {code}."));
            }

            return Task.FromResult(ToOutcome(output));
        }
        catch (PipelineStoppedException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (RuntimeException e)
        {
            // The message of what the script threw or wrote, without PowerShell's wrapping; where, in -Verbose.
            var message = e.ErrorRecord?.Exception?.Message ?? e.Message;
            if (e.ErrorRecord?.InvocationInfo is { ScriptLineNumber: > 0 } where)
            {
                context.Log(SyncLogLevel.Verbose,
                    $"The script failed at line {where.ScriptLineNumber} of '{where.ScriptName}': " +
                    where.Line?.Trim());
            }

            return Task.FromResult(SyncOutcome.Failed(message));
        }
    }

    private static void Forward(PSDataStreams streams, ISyncContext context)
    {
        streams.Verbose.DataAdded += (s, e) => context.Log(SyncLogLevel.Verbose, Item<VerboseRecord>(s, e).Message);
        streams.Warning.DataAdded += (s, e) => context.Log(SyncLogLevel.Warning, Item<WarningRecord>(s, e).Message);
        streams.Debug.DataAdded += (s, e) => context.Log(SyncLogLevel.Debug, Item<DebugRecord>(s, e).Message);
        streams.Information.DataAdded += (s, e) =>
            context.Log(SyncLogLevel.Verbose, Item<InformationRecord>(s, e).MessageData?.ToString() ?? "");
        streams.Progress.DataAdded += (s, e) =>
        {
            var record = Item<ProgressRecord>(s, e);
            context.ReportProgress(record.PercentComplete, record.StatusDescription);
        };
    }

    private static T Item<T>(object sender, DataAddedEventArgs e) => ((PSDataCollection<T>)sender)[e.Index];

    private static SyncOutcome ToOutcome(ICollection<PSObject> output)
    {
        var last = output.LastOrDefault(o => o is not null)?.BaseObject;
        switch (last)
        {
            case SyncOutcome outcome:
                return outcome;
            case IDictionary table:
                var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                foreach (DictionaryEntry entry in table)
                {
                    data[entry.Key.ToString()!] = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                }

                return SyncOutcome.Succeeded(data);
            default:
                return SyncOutcome.Succeeded();
        }
    }
}
