using System;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>A meeting point: every run that arrives waits until the expected number of runs are all there.</summary>
public sealed class Rendezvous
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _expected;
    private int _arrivals;

    public Rendezvous(int expected) => _expected = expected;

    /// <summary>Completes once every expected run has arrived.</summary>
    public Task AllArrived => _allArrived.Task;

    /// <summary>Arrives, waits for the others, and returns the order of arrival, starting at 1.</summary>
    public async Task<int> ArriveAsync(CancellationToken cancellationToken)
    {
        var arrival = Interlocked.Increment(ref _arrivals);
        if (arrival == _expected)
        {
            _allArrived.TrySetResult();
        }

        // The timeout only stops a broken test from hanging: runs started together meet within milliseconds.
        await _allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return arrival;
    }
}
