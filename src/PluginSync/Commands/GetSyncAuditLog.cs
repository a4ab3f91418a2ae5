using System;
using System.Management.Automation;
using PluginSync.Completers;
using PluginSync.Engine.Audit;

namespace PluginSync.Commands;

/// <summary>Lists the audit trail, newest first: every change, when, by whom, and what changed.</summary>
[Cmdlet(VerbsCommon.Get, "SyncAuditLog")]
[OutputType(typeof(AuditEntry))]
public sealed class GetSyncAuditLogCommand : PluginSyncCommandBase
{
    /// <summary>Plugin names or wildcard patterns; every entry when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName(AllowWildcards = true)]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Keeps entries of these actions.</summary>
    [Parameter]
    public AuditAction[]? Action { get; set; }

    /// <summary>Keeps entries made at or after this time.</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Keeps entries made before this time.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>Returns at most this many entries, the newest.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Last { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (After is { } after && Before is { } before && after >= before)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-After ({after:o}) must be earlier than -Before ({before:o})."),
                "AuditRangeInvalid",
                ErrorCategory.InvalidArgument,
                after));
        }

        if (!StoreExists)
        {
            WriteVerbose("There is no store yet, so there is no audit trail.");
            return;
        }

        var query = new AuditQuery { After = After?.ToUniversalTime(), Before = Before?.ToUniversalTime(), Last = Last };
        foreach (var name in Name ?? Array.Empty<string>())
        {
            query.Names.Add(name);
        }

        foreach (var action in Action ?? Array.Empty<AuditAction>())
        {
            query.Actions.Add(action);
        }

        var entries = Store.Audit.Find(query);
        WriteVerbose($"Found {entries.Count} audit entries.");
        WriteObject(entries, enumerateCollection: true);
    }
}
