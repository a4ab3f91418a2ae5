using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>
/// Waits at a rendezvous shared with other plugins until all of them are running at once. The first run to
/// arrive then succeeds and the others fail, so simultaneous runs end differently.
/// </summary>
public sealed class BarrierPlugin : TestPluginBase
{
    public const string LateArrivalError = "A run that arrives after the first fails on purpose.";

    private readonly Rendezvous _rendezvous;

    public BarrierPlugin(Rendezvous rendezvous, string name)
        : base(name) => _rendezvous = rendezvous;

    public override async Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        var arrival = await _rendezvous.ArriveAsync(cancellationToken);

        context.Counters.AddProcessed();
        var data = new Dictionary<string, object?> { ["Arrival"] = arrival, ["HistoryId"] = context.HistoryId };
        return arrival == 1 ? SyncOutcome.Succeeded(data) : SyncOutcome.Failed(LateArrivalError, data);
    }
}
