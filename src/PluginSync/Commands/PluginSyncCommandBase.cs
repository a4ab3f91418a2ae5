using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Storage;
using PluginSync.Hosting;

namespace PluginSync.Commands;

/// <summary>
/// The base of every PluginSync cmdlet. It opens the store on first use and closes it (with a checkpoint) when
/// the command ends, owns the cancellation token that Ctrl+C fires, and turns engine errors into error records.
/// </summary>
public abstract class PluginSyncCommandBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private SyncStore? _store;
    private PluginRegistry? _registry;
    private bool _disposed;

    /// <summary>Fires when the user presses Ctrl+C.</summary>
    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>The store, opened on first use. A store that cannot be opened stops the command.</summary>
    protected SyncStore Store => _store ??= OpenStore();

    /// <summary>
    /// Whether a store file exists. Commands that only read use it to answer "nothing" without creating a store.
    /// </summary>
    protected bool StoreExists
    {
        get
        {
            if (_store is not null)
            {
                return true;
            }

            var home = Environment.GetEnvironmentVariable(StoreLocation.HomeVariable);
            try
            {
                // A folder that could never be created is reported by opening the store, not answered with "nothing".
                var folder = string.IsNullOrWhiteSpace(home) ? null : ResolvePath(home!);
                return SyncStore.Exists(folder) || !SyncStore.CanCreate(folder);
            }
            catch (PluginSyncException)
            {
                return true; // let opening the store report the bad folder
            }
        }
    }

    /// <summary>
    /// The plugins this command can see: the built-ins and those in the registered plugin directories and in
    /// PLUGINSYNC_PLUGIN_PATH. A plugin that fails to load is written as a warning; the others still load.
    /// </summary>
    protected PluginRegistry Registry => _registry ??= LoadRegistry();

    /// <inheritdoc />
    protected override void StopProcessing() => _cancellation.Cancel();

    /// <inheritdoc />
    protected override void EndProcessing() => CloseStore();

    /// <summary>Called before the store closes, also when the pipeline was stopped; a command with work still
    /// in flight waits for it here.</summary>
    protected virtual void BeforeStoreCloses()
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CloseStore();
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes a non-terminating error for one item's failure.</summary>
    protected void WriteEngineError(PluginSyncException exception) => WriteError(ErrorRecords.From(exception));

    /// <summary>Stops the command for a failure that leaves nothing more to do.</summary>
    protected void ThrowEngineError(PluginSyncException exception) =>
        ThrowTerminatingError(ErrorRecords.From(exception));

    /// <summary>Resolves a path the user typed against the current PowerShell location.</summary>
    protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    private PluginRegistry LoadRegistry()
    {
        var registered = ReadRegisteredDirectories();
        var directories = PluginDirectories.Combine(registered, PluginDirectories.FromEnvironment());
        var loaders = new IPluginLoader[] { new AssemblyPluginLoader(), new ScriptPluginLoader() };
        var registry = PluginRegistry.Load(directories, loaders);
        WriteVerbose($"Found {registry.All.Count} plugins: the built-ins and those in {directories.Count} plugin " +
                     "directories.");
        foreach (var error in registry.LoadErrors)
        {
            WriteWarning($"A plugin could not be loaded from '{error.Source}': {error.Message}");
        }

        return registry;
    }

    private IReadOnlyList<string> ReadRegisteredDirectories()
    {
        if (!StoreExists)
        {
            return Array.Empty<string>();
        }

        // Listing plugins must not depend on the store: the built-ins and the environment's still load.
        PluginSyncException? error = null;
        _store ??= TryOpenStore(out error);
        if (_store is null)
        {
            WriteWarning($"The registered plugin directories cannot be read: {error?.Message}");
            return Array.Empty<string>();
        }

        try
        {
            return _store.PluginPaths.All();
        }
        catch (PluginSyncException e)
        {
            WriteWarning($"The registered plugin directories cannot be read: {e.Message}");
            return Array.Empty<string>();
        }
    }

    private SyncStore OpenStore()
    {
        var store = TryOpenStore(out var error);
        if (store is null)
        {
            ThrowEngineError(error!);
        }

        return store!;
    }

    /// <summary>Opens the store, or returns null and the error that stopped it.</summary>
    private SyncStore? TryOpenStore(out PluginSyncException? error)
    {
        var home = Environment.GetEnvironmentVariable(StoreLocation.HomeVariable);
        error = null;
        string? folder;
        try
        {
            folder = string.IsNullOrWhiteSpace(home) ? null : ResolvePath(home!);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PSInvalidOperationException)
        {
            error = new PluginSyncException(
                "StoreFolderInvalid",
                PluginSyncErrorKind.InvalidArgument,
                $"The store folder '{home}' given by {StoreLocation.HomeVariable} is not a valid path: {e.Message}",
                home,
                e);
            return null;
        }

        try
        {
            var store = SyncStore.Open(folder);
            WriteVerbose($"Opened the store '{store.FilePath}'.");
            foreach (var record in store.RecoveredRuns)
            {
                WriteWarning($"Closed the stale run of '{record.PluginName}' (history record {record.Id}) as " +
                             $"Abandoned: {record.ErrorMessage}");
            }

            return store;
        }
        catch (PluginSyncException e)
        {
            error = e;
        }

        return null;
    }

    private void CloseStore()
    {
        if (_store is not null)
        {
            BeforeStoreCloses();
        }

        _store?.Dispose();
        _store = null;
    }
}
