using System;
using System.Management.Automation;
using PluginSync.Completers;

namespace PluginSync.Commands;

/// <summary>
/// What the commands that list records over time share: plugin names or patterns, a time window and a count
/// of the newest records to keep.
/// </summary>
public abstract class TimeWindowCommandBase : PluginSyncCommandBase
{
    /// <summary>Plugin names or wildcard patterns; every plugin when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName(AllowWildcards = true)]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Keeps what happened at or after this time.</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Keeps what happened before this time.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>Returns at most this many, the newest.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Last { get; set; }

    /// <summary>The window's start in UTC, or null.</summary>
    protected DateTime? AfterUtc => After?.ToUniversalTime();

    /// <summary>The window's end in UTC, or null.</summary>
    protected DateTime? BeforeUtc => Before?.ToUniversalTime();

    /// <summary>Stops the command, with <paramref name="errorId"/>, when the window ends before it starts.</summary>
    protected void CheckWindow(string errorId)
    {
        if (After is { } after && Before is { } before && after >= before)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-After ({after:o}) must be earlier than -Before ({before:o})."),
                errorId,
                ErrorCategory.InvalidArgument,
                after));
        }
    }
}
