using System;
using System.Linq;
using System.Management.Automation;
using PluginSync.Completers;
using PluginSync.Engine.History;

namespace PluginSync.Commands;

/// <summary>Lists history records, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "SyncHistory")]
[OutputType(typeof(HistoryRecord))]
public sealed class GetSyncHistoryCommand : PluginSyncCommandBase
{
    /// <summary>Plugin names or wildcard patterns; every plugin when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName(AllowWildcards = true)]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Keeps records with these statuses.</summary>
    [Parameter]
    public SyncStatus[]? Status { get; set; }

    /// <summary>Keeps runs that started at or after this time.</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Keeps runs that started before this time.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>Returns at most this many records, the newest.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? Last { get; set; }

    /// <summary>Returns the records with these ids.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SyncHistoryId")]
    [AllowNull]
    public long[]? Id { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (After is { } after && Before is { } before && after >= before)
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"-After ({after:o}) must be earlier than -Before ({before:o})."),
                "HistoryRangeInvalid",
                ErrorCategory.InvalidArgument,
                after));
        }

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

        var query = new HistoryQuery { After = After?.ToUniversalTime(), Before = Before?.ToUniversalTime(), Last = Last };
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
