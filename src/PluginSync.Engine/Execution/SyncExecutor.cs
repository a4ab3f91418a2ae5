using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;
using PluginSync.Engine.History;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Execution;

/// <summary>
/// Runs plugins. For one plugin, in this order: find it (else NotFound), check its configuration is enabled
/// (else NotEnabled), check its credentials and settings (else NotConfigured), open a Running history record,
/// run the plugin, close the record as Completed, Failed or Cancelled, and save the plugin's state only when
/// the run succeeded. The record's id is made here and handed to the plugin; it is never guessed afterwards.
/// </summary>
public sealed class SyncExecutor
{
    private readonly SyncStore _store;
    private readonly PluginRegistry _registry;

    public SyncExecutor(SyncStore store, PluginRegistry registry)
    {
        _store = store;
        _registry = registry;
    }

    /// <summary>The names of the enabled configurations, ordered by name.</summary>
    public IReadOnlyList<string> EnabledPluginNames() =>
        _store.Configurations.All().Where(c => c.Enabled).Select(c => c.Name).ToList();

    /// <summary>Runs the plugin <paramref name="name"/> once.</summary>
    public async Task<SyncResult> RunAsync(string name, ISyncEventSink? sink, CancellationToken cancellationToken)
    {
        sink ??= NullSyncEventSink.Instance;
        var started = DateTime.UtcNow;

        var descriptor = PluginName.IsValid(name) ? _registry.Find(name) : null;
        if (descriptor is null)
        {
            var known = string.Join(", ", _registry.All.Select(p => p.Name));
            return NotRun(name, SyncErrorType.NotFound, $"There is no plugin named '{name}'. Known plugins: {known}.",
                started);
        }

        var plugin = descriptor.Plugin;
        sink.Log(plugin.Name, SyncLogLevel.Verbose, $"Found plugin '{plugin.Name}' {plugin.Version} ({descriptor.Kind}).");

        var configuration = _store.Configurations.Find(plugin.Name);
        if (configuration is null || !configuration.Enabled)
        {
            var why = configuration is null
                ? $"Plugin '{plugin.Name}' has no configuration. Create one with " +
                  $"Set-PluginConfiguration -Name {plugin.Name} -Enabled."
                : $"The configuration of '{plugin.Name}' is disabled. Enable it with Enable-SyncPlugin -Name {plugin.Name}.";
            return NotRun(plugin.Name, SyncErrorType.NotEnabled, why, started);
        }

        var problems = ConfigurationService.FindProblems(plugin, configuration);
        if (problems.Count > 0)
        {
            var why = $"The configuration of '{plugin.Name}' cannot run: {string.Join("; ", problems)}.";
            return NotRun(plugin.Name, SyncErrorType.NotConfigured, why, started);
        }

        Dictionary<string, string> credentials;
        try
        {
            credentials = DecryptCredentials(configuration);
        }
        catch (PluginSyncException e) when (e.Kind == PluginSyncErrorKind.SecurityError)
        {
            return NotRun(plugin.Name, SyncErrorType.NotConfigured, e.Message, started);
        }

        var settings = ConfigurationService.EffectiveSettings(plugin, configuration);
        return await RunPluginAsync(plugin, credentials, settings, sink, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SyncResult> RunPluginAsync(
        ISyncPlugin plugin,
        Dictionary<string, string> credentials,
        IReadOnlyDictionary<string, object?> settings,
        ISyncEventSink sink,
        CancellationToken cancellationToken)
    {
        var masker = new SecretMasker(credentials.Values);
        var previousState = _store.States.Get(plugin.Name);
        var started = DateTime.UtcNow;
        var historyId = _store.History.Open(plugin.Name, started);
        sink.Log(plugin.Name, SyncLogLevel.Verbose, $"Opened history record {historyId}.");

        var context = new SyncContext(plugin.Name, historyId, credentials, settings, previousState, sink, masker);
        var (errorType, error, outcome) = await InvokeAsync(plugin, context, cancellationToken).ConfigureAwait(false);
        error = masker.Apply(error);

        var status = errorType switch
        {
            SyncErrorType.None => SyncStatus.Completed,
            SyncErrorType.Cancelled => SyncStatus.Cancelled,
            _ => SyncStatus.Failed,
        };
        var ended = DateTime.UtcNow;
        _store.History.Close(historyId, status, ended, context.Counters, error);
        sink.Log(plugin.Name, SyncLogLevel.Verbose, $"Closed history record {historyId} as {status}.");

        if (status == SyncStatus.Completed && context.StateChanged)
        {
            _store.States.Save(plugin.Name, context.NewState, historyId);
            sink.Log(plugin.Name, SyncLogLevel.Verbose, "Saved the plugin's new state.");
        }

        return new SyncResult
        {
            PluginName = plugin.Name,
            SyncHistoryId = historyId,
            Status = status,
            ErrorType = errorType,
            Error = error,
            Message = masker.Apply(outcome?.Success == true ? outcome.Message : null),
            Processed = context.Counters.Processed,
            Created = context.Counters.Created,
            Updated = context.Counters.Updated,
            Deleted = context.Counters.Deleted,
            Failed = context.Counters.Failed,
            Skipped = context.Counters.Skipped,
            StartTime = started,
            EndTime = ended,
            Data = MaskData(outcome?.Data, masker),
        };
    }

    private static async Task<(SyncErrorType, string?, SyncOutcome?)> InvokeAsync(
        ISyncPlugin plugin, SyncContext context, CancellationToken cancellationToken)
    {
        try
        {
            // Task.Run keeps a plugin that blocks before its first await off the caller's thread.
            var outcome = await Task.Run(() => plugin.SyncAsync(context, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            if (outcome is null)
            {
                return (SyncErrorType.ExecutionError, $"Plugin '{plugin.Name}' returned no outcome.", null);
            }

            return outcome.Success
                ? (SyncErrorType.None, null, outcome)
                : (SyncErrorType.ExecutionError, outcome.Message ?? $"Plugin '{plugin.Name}' reported failure.", outcome);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (SyncErrorType.Cancelled, $"The run of '{plugin.Name}' was cancelled.", null);
        }
        catch (Exception e)
        {
            var inner = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : e;
            return (SyncErrorType.ExecutionError, inner.Message, null);
        }
    }

    private Dictionary<string, string> DecryptCredentials(PluginConfiguration configuration)
    {
        var credentials = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in configuration.ProtectedCredentials)
        {
            var context = PluginConfiguration.CredentialContext(configuration.Name, pair.Key);
            credentials[pair.Key] = _store.Protector.Unprotect(pair.Value, context);
        }

        return credentials;
    }

    private static IReadOnlyDictionary<string, object?> MaskData(
        IReadOnlyDictionary<string, object?>? data, SecretMasker masker)
    {
        var masked = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in data ?? new Dictionary<string, object?>())
        {
            masked[pair.Key] = pair.Value is string text ? masker.Apply(text) : pair.Value;
        }

        return masked;
    }

    private static SyncResult NotRun(string name, SyncErrorType errorType, string error, DateTime started) => new()
    {
        PluginName = name,
        ErrorType = errorType,
        Error = error,
        StartTime = started,
        EndTime = DateTime.UtcNow,
    };
}
