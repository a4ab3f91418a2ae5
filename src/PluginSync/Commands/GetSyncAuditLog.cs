using System;
using System.Management.Automation;
using PluginSync.Engine.Audit;

namespace PluginSync.Commands;

/// <summary>Lists the audit trail, newest first: every change, when, by whom, and what changed.</summary>
[Cmdlet(VerbsCommon.Get, "SyncAuditLog")]
[OutputType(typeof(AuditEntry))]
public sealed class GetSyncAuditLogCommand : TimeWindowCommandBase
{
    /// <summary>Keeps entries of these actions.</summary>
    [Parameter]
    public AuditAction[]? Action { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        CheckWindow("AuditRangeInvalid");

        if (!StoreExists)
        {
            WriteVerbose("There is no store yet, so there is no audit trail.");
            return;
        }

        var query = new AuditQuery { After = AfterUtc, Before = BeforeUtc, Last = Last };
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
