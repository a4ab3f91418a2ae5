using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Execution;
using PluginSync.Engine.History;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Tests.Support;

/// <summary>
/// A store in its own temporary folder, with a registry holding the built-in plugins and whatever test plugins a
/// test adds. Disposing it closes the store and deletes the folder.
/// </summary>
public sealed class TestStore : IDisposable
{
    private readonly TempFolder _root = new();

    public TestStore()
    {
        Folder = _root.Combine("store");
        Store = SyncStore.Open(Folder);
        Registry = PluginRegistry.CreateDefault();
    }

    /// <summary>The store folder (a child of a temporary folder that tests may also use for other files).</summary>
    public string Folder { get; }

    /// <summary>The temporary folder that holds the store folder.</summary>
    public TempFolder Root => _root;

    public SyncStore Store { get; }

    public PluginRegistry Registry { get; }

    public ConfigurationService Configurations => new(Store, Registry);

    public SyncExecutor Executor => new(Store, Registry);

    /// <summary>Adds a test plugin to the registry as an assembly plugin.</summary>
    public T Add<T>(T plugin)
        where T : ISyncPlugin
    {
        Registry.Add(plugin, PluginKind.Assembly, "test");
        return plugin;
    }

    /// <summary>Creates or changes the configuration of <paramref name="name"/>.</summary>
    public PluginConfiguration Configure(
        string name,
        bool? enabled = true,
        IDictionary<string, object?>? settings = null,
        IDictionary<string, string?>? credentials = null) =>
        Configurations.Set(name, Update(enabled, settings, credentials));

    /// <summary>Configures the built-in <c>example</c> plugin so that it can run.</summary>
    public PluginConfiguration ConfigureExample(string apiKey = "test-api-key", object? batchSize = null)
    {
        var settings = new Dictionary<string, object?>();
        if (batchSize is not null)
        {
            settings["batch_size"] = batchSize;
        }

        return Configure("example", true, settings, new Dictionary<string, string?> { ["api_key"] = apiKey });
    }

    public Task<SyncResult> RunAsync(
        string name, ISyncEventSink? sink = null, CancellationToken cancellationToken = default) =>
        Executor.RunAsync(name, sink, cancellationToken);

    /// <summary>Every history record, newest first.</summary>
    public IReadOnlyList<HistoryRecord> AllHistory() => Store.History.Find(new HistoryQuery());

    public static ConfigurationUpdate Update(
        bool? enabled = null,
        IDictionary<string, object?>? settings = null,
        IDictionary<string, string?>? credentials = null)
    {
        var update = new ConfigurationUpdate { Enabled = enabled };
        foreach (var pair in settings ?? new Dictionary<string, object?>())
        {
            update.Settings[pair.Key] = pair.Value;
        }

        foreach (var pair in credentials ?? new Dictionary<string, string?>())
        {
            update.Credentials[pair.Key] = pair.Value;
        }

        return update;
    }

    public void Dispose()
    {
        Store.Dispose();
        _root.Dispose();
    }
}
