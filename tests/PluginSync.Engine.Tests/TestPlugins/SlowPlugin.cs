using System;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>
/// Sets its state, signals that it has started, then waits until its run is cancelled or the test releases it.
/// </summary>
public sealed class SlowPlugin : TestPluginBase
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runs;

    public SlowPlugin(string name = "slow")
        : base(name)
    {
    }

    /// <summary>Completes once the plugin is running.</summary>
    public Task Started => _started.Task;

    /// <summary>How many runs have entered the plugin.</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>The state the plugin sets before it waits.</summary>
    public string StateSetWhileRunning { get; } = "set-by-the-slow-run";

    /// <summary>Lets a waiting run finish successfully.</summary>
    public void Release() => _release.TrySetResult();

    public override async Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        context.SetState(StateSetWhileRunning);
        context.Counters.AddProcessed();
        _started.TrySetResult();

        // The timeout only stops a broken test from hanging; a working one cancels or releases within milliseconds.
        await _release.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return SyncOutcome.Succeeded();
    }
}
