using System;
using System.Management.Automation;
using PluginSync.Completers;
using PluginSync.Engine.History;

namespace PluginSync.Commands;

/// <summary>
/// Per-plugin statistics of history: runs, successes and failures, success rate, median and 95th percentile
/// duration, the newest success and failure, and record totals. Running records are not counted.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SyncStatistics")]
[OutputType(typeof(PluginStatistics))]
public sealed class GetSyncStatisticsCommand : PluginSyncCommandBase
{
    /// <summary>Plugin names or wildcard patterns; every plugin when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName(AllowWildcards = true)]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Counts only the runs that started at or after this time.</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!StoreExists)
        {
            WriteVerbose("There is no store yet, so there is no history to count.");
            return;
        }

        var query = new StatisticsQuery { After = After?.ToUniversalTime() };
        foreach (var name in Name ?? Array.Empty<string>())
        {
            query.Names.Add(name);
        }

        var window = query.After is { } after ? $"runs that started at or after {after:u}" : "all history";
        WriteVerbose($"Counting {window} from the daily rollups.");
        var statistics = Store.Statistics.Find(query);
        WriteVerbose($"Found closed runs of {statistics.Count} plugins.");
        WriteObject(statistics, enumerateCollection: true);
    }
}
