using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>
/// Records the state each run was handed, sets the state it is told to, then ends the way it is told to:
/// success, a reported failure, or a thrown exception.
/// </summary>
public sealed class StatefulPlugin : TestPluginBase
{
    private readonly List<string?> _seen = new();

    public StatefulPlugin(string name = "stateful")
        : base(name)
    {
    }

    public enum Ending
    {
        Succeed,
        ReportFailure,
        Throw,
    }

    /// <summary>The state the next run sets.</summary>
    public string? NextState { get; set; }

    /// <summary>Whether the next run calls SetState at all.</summary>
    public bool SetsState { get; set; } = true;

    /// <summary>How the next run ends.</summary>
    public Ending NextEnding { get; set; } = Ending.Succeed;

    /// <summary>The previous state each run was handed, in run order.</summary>
    public IReadOnlyList<string?> SeenPreviousStates => _seen;

    public override Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        _seen.Add(context.PreviousState);
        if (SetsState)
        {
            context.SetState(NextState);
        }

        return NextEnding switch
        {
            Ending.Succeed => Task.FromResult(SyncOutcome.Succeeded()),
            Ending.ReportFailure => Task.FromResult(SyncOutcome.Failed("The run reports failure on purpose.")),
            _ => throw new InvalidOperationException("The run throws on purpose after setting its state."),
        };
    }
}
