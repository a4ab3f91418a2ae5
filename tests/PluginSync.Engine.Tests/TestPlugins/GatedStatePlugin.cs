using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>Sets a state, says it is running, then waits at a gate before it succeeds.</summary>
public sealed class GatedStatePlugin : TestPluginBase
{
    public GatedStatePlugin()
        : base("gated-state")
    {
    }

    public ManualResetEventSlim Running { get; } = new();

    public ManualResetEventSlim Gate { get; } = new();

    public override Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        context.SetState("bookmark");
        Running.Set();
        Gate.Wait(cancellationToken);
        return Task.FromResult(SyncOutcome.Succeeded());
    }
}
