using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using PluginSync.Completers;
using PluginSync.Engine.Errors;
using PluginSync.Engine.History;

namespace PluginSync.Commands;

/// <summary>
/// Removes closed history records that started before a cutoff, or beyond the newest few of each plugin, then
/// compacts the store file. Running records are never removed.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "SyncHistory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(HistoryClearResult))]
public sealed class ClearSyncHistoryCommand : PluginSyncCommandBase
{
    private const string Accepted =
        "Give -OlderThan an age, such as (New-TimeSpan -Days 30) or '30.00:00:00', or a time in the past, such as " +
        "(Get-Date).AddDays(-30) or '2024-05-01'; or give -KeepLast the number of each plugin's newest records " +
        "to keep.";

    private const int ProgressId = 1;
    private const string Activity = "Clearing sync history";

    private static readonly Regex BareNumber = new(@"\A[+-]?\d+\z", RegexOptions.CultureInvariant);

    private readonly List<string> _names = new();
    private HistoryRetentionRule? _rule;

    /// <summary>
    /// Removes the records that started before this point: a TimeSpan means that long before now, a DateTime (or
    /// a string that reads as either) is the point itself.
    /// </summary>
    [Parameter]
    [AllowNull]
    public object? OlderThan { get; set; }

    /// <summary>Keeps this many of each plugin's newest closed records and removes the older ones.</summary>
    [Parameter]
    [AllowNull]
    public int? KeepLast { get; set; }

    /// <summary>The plugins whose history to clear; every plugin when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[]? Name { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        try
        {
            _rule = BuildRule();
            WriteVerbose($"Removing closed history records {_rule}.");
        }
        catch (PluginSyncException e)
        {
            ThrowEngineError(e);
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord() => _names.AddRange(Name ?? Array.Empty<string>());

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        try
        {
            Clear(_rule!);
        }
        catch (PluginSyncException e)
        {
            ThrowEngineError(e);
        }
        finally
        {
            base.EndProcessing();
        }
    }

    private void Clear(HistoryRetentionRule rule)
    {
        if (!StoreExists)
        {
            WriteVerbose("There is no store yet, so there is no history to clear.");
            return;
        }

        var retention = new HistoryRetention(Store);
        var plan = retention.Plan(rule, _names);
        var matching = plan.Where(p => p.Removed > 0).ToList();
        var approved = matching
            .Where(p => ShouldProcess(
                p.PluginName, $"Remove {p.Removed} of {p.Removed + p.Remaining} history records {rule}"))
            .Select(p => p.PluginName)
            .ToList();

        if (matching.Count == 0)
        {
            WriteVerbose($"No closed history record is {rule}; nothing was removed.");
            if (!WhatIfRequested)
            {
                var size = Store.FileSize;
                WriteObject(new HistoryClearResult(rule.Description, plan, size, size));
            }

            return;
        }

        if (approved.Count == 0)
        {
            return;
        }

        var sizeBefore = Store.FileSize;
        var total = matching.Where(p => approved.Contains(p.PluginName)).Sum(p => p.Removed);
        WriteProgress(Progress($"Removing {total} history records {rule}", 0));
        var removals = retention.Apply(rule, approved);
        foreach (var removal in removals)
        {
            WriteVerbose($"Removed {removal.Removed} history records of '{removal.PluginName}'; " +
                         $"{removal.Remaining} closed records remain.");
        }

        WriteVerbose($"Compacting the store file '{Store.FilePath}' ({sizeBefore} bytes).");
        WriteProgress(Progress($"Compacting the store file '{Store.FilePath}'", 50));
        Store.Compact();
        var sizeAfter = Store.FileSize;
        WriteProgress(new ProgressRecord(ProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        WriteVerbose($"The store file is now {sizeAfter} bytes.");
        WriteObject(new HistoryClearResult(rule.Description, removals, sizeBefore, sizeAfter));
    }

    private static ProgressRecord Progress(string status, int percent) =>
        new(ProgressId, Activity, status) { PercentComplete = percent };

    // -WhatIf, or $WhatIfPreference set by the caller: either way nothing is removed and nothing is returned.
    private bool WhatIfRequested
    {
        get
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given))
            {
                return given is SwitchParameter { IsPresent: true };
            }

            return GetVariableValue("WhatIfPreference") switch
            {
                SwitchParameter preference => preference.IsPresent,
                bool preference => preference,
                _ => false,
            };
        }
    }

    private HistoryRetentionRule BuildRule()
    {
        var ageGiven = MyInvocation.BoundParameters.ContainsKey(nameof(OlderThan));
        var cutoff = OlderThan is PSObject wrapped ? wrapped.BaseObject : OlderThan;

        if (ageGiven && KeepLast is { } both)
        {
            throw Invalid(
                "HistoryRetentionRuleConflict",
                $"Give -OlderThan or -KeepLast, not both: -OlderThan {Show(cutoff)} and -KeepLast {both} were given. " +
                "Nothing was removed.",
                cutoff);
        }

        if (KeepLast is { } count)
        {
            return HistoryRetentionRule.KeepNewest(count);
        }

        if (!ageGiven && MyInvocation.BoundParameters.ContainsKey(nameof(KeepLast)))
        {
            throw Invalid(
                HistoryRetentionRule.KeepLastInvalidId,
                $"The count given to -KeepLast is empty ($null). {Accepted} Nothing was removed.",
                null);
        }

        if (!ageGiven)
        {
            throw Invalid(
                "HistoryRetentionRuleMissing",
                $"Clear-SyncHistory needs to know which records to remove. {Accepted} Nothing was removed.",
                null);
        }

        var now = DateTime.UtcNow;
        return cutoff switch
        {
            TimeSpan age => HistoryRetentionRule.OlderThan(age, now),
            DateTime time => HistoryRetentionRule.OlderThan(time, now),
            DateTimeOffset offset => HistoryRetentionRule.OlderThan(offset.UtcDateTime, now),
            string text => FromText(text, now),
            _ => throw NotACutoff(cutoff),
        };
    }

    private static HistoryRetentionRule FromText(string text, DateTime now)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || BareNumber.IsMatch(trimmed))
        {
            // A bare number could mean days, hours or seconds; it is refused rather than guessed.
            throw NotACutoff(text);
        }

        if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var age))
        {
            return HistoryRetentionRule.OlderThan(age, now);
        }

        if (DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            return HistoryRetentionRule.OlderThan(time, now);
        }

        throw NotACutoff(text);
    }

    private static PluginSyncException NotACutoff(object? value)
    {
        var kind = value is null ? "" : $" ({value.GetType().Name})";
        var number = value is string text ? BareNumber.IsMatch(text.Trim()) : IsNumber(value);
        var why = number
            ? "is a bare number, which could mean days, hours or seconds"
            : "is neither an age (TimeSpan) nor a point in time (DateTime)";
        return Invalid(
            HistoryRetentionRule.CutoffInvalidId,
            $"The cutoff {Show(value)}{kind} given to -OlderThan {why}. {Accepted} Nothing was removed.",
            value);
    }

    private static bool IsNumber(object? value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal;

    private static string Show(object? value) => value switch
    {
        null => "$null",
        TimeSpan age => $"'{age.ToString("c", CultureInfo.InvariantCulture)}'",
        DateTime time => $"'{time.ToString("o", CultureInfo.InvariantCulture)}'",
        _ => $"'{Convert.ToString(value, CultureInfo.InvariantCulture)}'",
    };

    private static PluginSyncException Invalid(string id, string message, object? target) =>
        new(id, PluginSyncErrorKind.InvalidArgument, message, target);
}
