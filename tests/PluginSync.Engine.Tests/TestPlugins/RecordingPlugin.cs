using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PluginSync.Engine.History;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>
/// Declares an <c>api_key</c> credential and a <c>batch_size</c> setting like the example plugin, records what
/// its context held, and succeeds. Given a store, it also records the status of its own history record while
/// it runs.
/// </summary>
public sealed class RecordingPlugin : TestPluginBase
{
    private readonly SyncStore? _store;

    public RecordingPlugin(SyncStore? store = null, string name = "recorder")
        : base(name) => _store = store;

    public override IReadOnlyList<PluginCredential> Credentials { get; } = new[]
    {
        new PluginCredential("api_key"),
    };

    public override IReadOnlyList<PluginSetting> Settings { get; } = new[]
    {
        new PluginSetting("batch_size", SettingType.Integer, defaultValue: 100L, minimum: 1, maximum: 10000),
    };

    public int Runs { get; private set; }

    public long SeenHistoryId { get; private set; }

    public string SeenPluginName { get; private set; } = "";

    public IReadOnlyDictionary<string, string> SeenCredentials { get; private set; } =
        new Dictionary<string, string>();

    public IReadOnlyDictionary<string, object?> SeenSettings { get; private set; } =
        new Dictionary<string, object?>();

    public SyncStatus? SeenRecordStatus { get; private set; }

    public override Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        Runs++;
        SeenHistoryId = context.HistoryId;
        SeenPluginName = context.PluginName;
        SeenCredentials = context.Credentials.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        SeenSettings = context.Settings.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        SeenRecordStatus = _store?.History.Get(context.HistoryId)?.Status;
        context.Counters.AddProcessed(3);
        context.Counters.AddCreated(2);
        context.Counters.AddSkipped();
        return Task.FromResult(SyncOutcome.Succeeded());
    }
}
