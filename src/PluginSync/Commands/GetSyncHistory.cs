using System;
using System.Linq;
using System.Management.Automation;
using PluginSync.Engine.History;

namespace PluginSync.Commands;

/// <summary>Lists history records, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "SyncHistory")]
[OutputType(typeof(HistoryRecord))]
public sealed class GetSyncHistoryCommand : TimeWindowCommandBase
{
    /// <summary>Keeps records with these statuses.</summary>
    [Parameter]
    public SyncStatus[]? Status { get; set; }

    /// <summary>Returns the records with these ids.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SyncHistoryId")]
    [AllowNull]
    public long[]? Id { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        CheckWindow("HistoryRangeInvalid");

        if (MyInvocation.BoundParameters.ContainsKey(nameof(Id)) && Id is null)
        {
            WriteVerbose("The run never started, so it has no history record.");
            return;
        }

        var badId = (Id ?? Array.Empty<long>()).Where(i => i < 1).Select(i => (long?)i).FirstOrDefault();
        if (badId is { } bad)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"The history record id {bad} is not valid; ids are whole numbers from 1 up."),
                "HistoryIdInvalid",
                ErrorCategory.InvalidArgument,
                bad));
        }

        if (!StoreExists)
        {
            WriteVerbose("There is no store yet, so there is no history.");
            return;
        }

        var query = new HistoryQuery { After = AfterUtc, Before = BeforeUtc, Last = Last };
        foreach (var name in Name ?? Array.Empty<string>())
        {
            query.Names.Add(name);
        }

        foreach (var status in Status ?? Array.Empty<SyncStatus>())
        {
            query.Statuses.Add(status);
        }

        foreach (var id in Id ?? Array.Empty<long>())
        {
            query.Ids.Add(id);
        }

        var records = Store.History.Find(query);
        WriteVerbose($"Found {records.Count} history records.");
        WriteObject(records, enumerateCollection: true);
    }
}
