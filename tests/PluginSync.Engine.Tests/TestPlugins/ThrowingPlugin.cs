using System;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>Counts one processed record, then throws: an InvalidOperationException with the given message, or
/// the given exception.</summary>
public sealed class ThrowingPlugin : TestPluginBase
{
    private readonly Func<Exception> _exception;

    public ThrowingPlugin(string message, string name = "thrower")
        : base(name) => _exception = () => new InvalidOperationException(message);

    public ThrowingPlugin(Exception exception, string name = "thrower")
        : base(name) => _exception = () => exception;

    public override async Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        await Task.Yield();
        context.Counters.AddProcessed();
        throw _exception();
    }
}
