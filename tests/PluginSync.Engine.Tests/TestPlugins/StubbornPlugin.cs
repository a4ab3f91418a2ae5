using System;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>Ignores its cancellation token: it signals that it has started and then waits until the test lets it
/// go, however the run is stopped.</summary>
public sealed class StubbornPlugin : TestPluginBase
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StubbornPlugin(string name = "stubborn")
        : base(name)
    {
    }

    public Task Started => _started.Task;

    /// <summary>Lets the plugin return, so nothing is left running after the test.</summary>
    public void Release() => _release.TrySetResult();

    public override async Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        await _release.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return SyncOutcome.Succeeded();
    }
}
