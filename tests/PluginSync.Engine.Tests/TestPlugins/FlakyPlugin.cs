using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>
/// Fails its first attempts, by reporting failure or by throwing, then succeeds. Each attempt counts one processed
/// record, sets the state "attempt-N", and records the state it was handed.
/// </summary>
public sealed class FlakyPlugin : TestPluginBase
{
    private readonly int _failures;
    private readonly bool _throws;
    private readonly List<string?> _seen = new();
    private int _attempts;

    public FlakyPlugin(int failures, bool throws = false, string name = "flaky")
        : base(name)
    {
        _failures = failures;
        _throws = throws;
    }

    /// <summary>How many attempts entered the plugin.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>The previous state each attempt was handed.</summary>
    public IReadOnlyList<string?> SeenPreviousStates
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToArray();
            }
        }
    }

    public override Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        lock (_seen)
        {
            _seen.Add(context.PreviousState);
        }

        context.Counters.AddProcessed();
        context.SetState($"attempt-{attempt}");
        if (attempt > _failures)
        {
            return Task.FromResult(SyncOutcome.Succeeded());
        }

        var message = $"Attempt {attempt} fails on purpose.";
        return _throws
            ? throw new InvalidOperationException(message)
            : Task.FromResult(SyncOutcome.Failed(message));
    }
}
