using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>Returns the outcome it was given, which may be null.</summary>
public sealed class FixedOutcomePlugin : TestPluginBase
{
    private readonly SyncOutcome? _outcome;

    public FixedOutcomePlugin(SyncOutcome? outcome, string name = "fixed")
        : base(name) => _outcome = outcome;

    public override Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken) =>
        Task.FromResult(_outcome!);
}
