using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>
/// Holds every run until two runs are inside it at once. The first run to arrive then succeeds and the second
/// fails, so two simultaneous runs end differently.
/// </summary>
public sealed class BarrierPlugin : TestPluginBase
{
    public const string SecondRunError = "The second run to arrive fails on purpose.";

    private readonly TaskCompletionSource _bothArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrivals;

    public BarrierPlugin(string name = "barrier")
        : base(name)
    {
    }

    /// <summary>Completes once two runs have been inside the plugin at the same time.</summary>
    public Task BothArrived => _bothArrived.Task;

    public override async Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        var arrival = Interlocked.Increment(ref _arrivals);
        if (arrival == 2)
        {
            _bothArrived.TrySetResult();
        }

        // The timeout only stops a broken test from hanging: with two runs started together it never fires.
        await _bothArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);

        context.Counters.AddProcessed();
        var data = new Dictionary<string, object?> { ["Arrival"] = arrival, ["HistoryId"] = context.HistoryId };
        return arrival == 1 ? SyncOutcome.Succeeded(data) : SyncOutcome.Failed(SecondRunError, data);
    }
}
