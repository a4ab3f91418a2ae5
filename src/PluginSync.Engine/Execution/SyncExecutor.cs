using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;
using PluginSync.Engine.History;
using PluginSync.Engine.Locking;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Execution;

/// <summary>
/// Runs plugins. For one plugin, in this order: find it (else NotFound), check its configuration is enabled
/// (else NotEnabled), check its credentials and settings (else NotConfigured), take its run lock and open a
/// Running history record (else AlreadyRunning), run the plugin with its timeout and retries, close the record
/// as Completed, Failed, Cancelled or TimedOut and free the lock, and save the plugin's state only when the run
/// succeeded. The record's id is made here and handed to the plugin; it is never guessed afterwards.
/// </summary>
public sealed class SyncExecutor
{
    private readonly SyncStore _store;
    private readonly PluginRegistry _registry;
    private readonly RunLockService _locks;
    private readonly AttemptRunner _attempts = new();

    public SyncExecutor(SyncStore store, PluginRegistry registry)
    {
        _store = store;
        _registry = registry;
        _locks = new RunLockService(store, store.Options);
    }

    /// <summary>The names of the enabled configurations, ordered by name.</summary>
    public IReadOnlyList<string> EnabledPluginNames() =>
        _store.Configurations.All().Where(c => c.Enabled).Select(c => c.Name).ToList();

    /// <summary>Runs the plugin <paramref name="name"/> once, with its configuration's policy.</summary>
    public Task<SyncResult> RunAsync(string name, ISyncEventSink? sink, CancellationToken cancellationToken) =>
        RunAsync(name, new SyncRunOptions(), sink, cancellationToken);

    /// <summary>Runs the plugin <paramref name="name"/> once.</summary>
    public async Task<SyncResult> RunAsync(
        string name, SyncRunOptions options, ISyncEventSink? sink, CancellationToken cancellationToken)
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
        sink.Log(plugin.Name, SyncLogLevel.Verbose,
            $"Found plugin '{plugin.Name}' {plugin.Version} ({descriptor.Kind}).");

        var configuration = _store.Configurations.Find(plugin.Name);
        if (configuration is null || !configuration.Enabled)
        {
            var why = configuration is null
                ? $"Plugin '{plugin.Name}' has no configuration. Create one with " +
                  $"Set-PluginConfiguration -Name {plugin.Name} -Enabled."
                : $"The configuration of '{plugin.Name}' is disabled. Enable it with " +
                  $"Enable-SyncPlugin -Name {plugin.Name}.";
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

        var policy = configuration.Policy.With(options.TimeoutSeconds, null, null);
        var settings = ConfigurationService.EffectiveSettings(plugin, configuration);
        var run = new PreparedRun(plugin, credentials, settings, policy, sink);
        return await RunLockedAsync(run, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SyncResult> RunLockedAsync(PreparedRun run, CancellationToken cancellationToken)
    {
        var plugin = run.Plugin;
        var (lease, holder, abandoned) = _locks.TryStart(plugin.Name);
        if (abandoned is not null)
        {
            run.Sink.Log(plugin.Name, SyncLogLevel.Warning,
                $"Closed the stale run of '{plugin.Name}' (history record {abandoned.Id}) as Abandoned: " +
                abandoned.ErrorMessage);
        }

        if (lease is null)
        {
            var why = $"Plugin '{plugin.Name}' is already running: history record {holder!.Id}, process " +
                      $"{holder.ProcessId} on {holder.Host}, started {holder.StartTime:u}.";
            return NotRun(plugin.Name, SyncErrorType.AlreadyRunning, why, DateTime.UtcNow);
        }

        using (lease)
        {
            run.Sink.Log(plugin.Name, SyncLogLevel.Verbose,
                $"Took the run lock and opened history record {lease.HistoryId} ({run.Policy}).");
            _locks.KeepAlive(lease);

            var attempts = 0;
            var closed = false;
            AttemptResult? last = null;
            try
            {
                last = await _attempts.RunAsync(run, lease.HistoryId, _store.States.Get(plugin.Name),
                    () => _locks.RecordAttempt(lease, ++attempts), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Whatever happened, the record is closed and the lock freed before the run returns.
                last ??= Interrupted(run, lease.HistoryId, cancellationToken);
                closed = Finish(run, lease, last, Math.Max(1, attempts));
            }

            if (!closed)
            {
                last = new AttemptResult(last.Context, SyncErrorType.ExecutionError,
                    $"History record {lease.HistoryId} was closed as Abandoned by another process while this run of " +
                    $"'{plugin.Name}' went on; its outcome was not recorded.", null);
            }

            return ToResult(run, lease, last);
        }
    }

    private bool Finish(PreparedRun run, RunLease lease, AttemptResult last, int attempts)
    {
        var status = StatusOf(last.ErrorType);
        var error = run.Masker.Apply(last.Error);
        if (!_locks.Finish(lease, status, DateTime.UtcNow, last.Context.Counters, error, attempts))
        {
            run.Sink.Log(run.Plugin.Name, SyncLogLevel.Warning,
                $"History record {lease.HistoryId} was closed as Abandoned while this run went on, so its outcome " +
                $"({status}) is not recorded and its state is not saved.");
            return false;
        }

        run.Sink.Log(run.Plugin.Name, SyncLogLevel.Verbose,
            $"Closed history record {lease.HistoryId} as {status} after {attempts} attempt(s); freed the run lock.");

        // A configuration removed during the run takes its state with it; the run must not bring it back.
        if (status == SyncStatus.Completed && last.Context.StateChanged &&
            _store.Configurations.Find(run.Plugin.Name) is not null)
        {
            // A credential value a plugin put into its state is masked, so it never reaches the store in clear.
            _store.States.Save(run.Plugin.Name, run.Masker.Apply(last.Context.NewState), lease.HistoryId);
            run.Sink.Log(run.Plugin.Name, SyncLogLevel.Verbose, "Saved the plugin's new state.");
        }

        return true;
    }

    private SyncResult ToResult(PreparedRun run, RunLease lease, AttemptResult last)
    {
        var record = _store.History.Get(lease.HistoryId);
        var counters = last.Context.Counters;
        return new SyncResult
        {
            PluginName = run.Plugin.Name,
            SyncHistoryId = lease.HistoryId,
            Status = record?.Status ?? StatusOf(last.ErrorType),
            ErrorType = last.ErrorType,
            Error = run.Masker.Apply(last.Error),
            Message = run.Masker.Apply(last.ErrorType == SyncErrorType.None ? last.Outcome?.Message : null),
            Attempts = record?.Attempts ?? 1,
            Processed = counters.Processed,
            Created = counters.Created,
            Updated = counters.Updated,
            Deleted = counters.Deleted,
            Failed = counters.Failed,
            Skipped = counters.Skipped,
            StartTime = lease.StartTime,
            EndTime = record?.EndTime ?? DateTime.UtcNow,
            Data = MaskData(last.Outcome?.Data, run.Masker),
        };
    }

    private static AttemptResult Interrupted(PreparedRun run, long historyId, CancellationToken cancellationToken)
    {
        var context = run.NewContext(historyId, null);
        return cancellationToken.IsCancellationRequested
            ? new AttemptResult(
                context, SyncErrorType.Cancelled, $"The run of '{run.Plugin.Name}' was cancelled.", null)
            : new AttemptResult(
                context, SyncErrorType.ExecutionError, $"The run of '{run.Plugin.Name}' was interrupted.", null);
    }

    private static SyncStatus StatusOf(SyncErrorType errorType) => errorType switch
    {
        SyncErrorType.None => SyncStatus.Completed,
        SyncErrorType.Cancelled => SyncStatus.Cancelled,
        SyncErrorType.TimedOut => SyncStatus.TimedOut,
        _ => SyncStatus.Failed,
    };

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
            masked[pair.Key] = MaskValue(pair.Value, masker, depth: 0);
        }

        return masked;
    }

    /// <summary>Masks secrets in strings, and in the strings inside lists and dictionaries a plugin returns.</summary>
    private static object? MaskValue(object? value, SecretMasker masker, int depth)
    {
        const int MaxDepth = 16;
        switch (value)
        {
            case string text:
                return masker.Apply(text);
            case null:
                return null;
            case System.Collections.IDictionary dictionary when depth < MaxDepth:
                var maskedDictionary = new Dictionary<object, object?>();
                foreach (System.Collections.DictionaryEntry entry in dictionary)
                {
                    maskedDictionary[MaskValue(entry.Key, masker, depth + 1) ?? ""] =
                        MaskValue(entry.Value, masker, depth + 1);
                }

                return maskedDictionary;
            case System.Collections.IEnumerable items when depth < MaxDepth:
                return items.Cast<object?>().Select(item => MaskValue(item, masker, depth + 1)).ToList();
            default:
                return value;
        }
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
