using System;
using System.Globalization;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.History;

/// <summary>
/// Which closed history records retention removes: those that started before a cutoff, or those beyond the newest
/// few of each plugin. A rule can only be made from a sensible value, so no bad input ever reads as "everything".
/// Running records are never removed, whatever the rule.
/// </summary>
public sealed class HistoryRetentionRule
{
    /// <summary>The error id of every value that cannot make a rule.</summary>
    public const string CutoffInvalidId = "HistoryCutoffInvalid";

    /// <summary>The error id of a negative count of records to keep.</summary>
    public const string KeepLastInvalidId = "HistoryKeepLastInvalid";

    private HistoryRetentionRule(DateTime? cutoff, int? keepLast, string description)
    {
        Cutoff = cutoff;
        KeepLast = keepLast;
        Description = description;
    }

    /// <summary>Records that started before this time (UTC) are removed; null for a <see cref="KeepLast"/> rule.
    /// </summary>
    public DateTime? Cutoff { get; }

    /// <summary>How many of each plugin's newest closed records are kept; null for a <see cref="Cutoff"/> rule.
    /// </summary>
    public int? KeepLast { get; }

    /// <summary>The rule in words, as the confirmation prompt, the output and the audit trail show it.</summary>
    public string Description { get; }

    /// <summary>
    /// Removes the records that started more than <paramref name="age"/> before <paramref name="now"/>. A zero or
    /// negative age, or one that reaches back before the year 1, is an <c>HistoryCutoffInvalid</c> error.
    /// </summary>
    public static HistoryRetentionRule OlderThan(TimeSpan age, DateTime now)
    {
        var shown = age.ToString("c", CultureInfo.InvariantCulture);
        if (age <= TimeSpan.Zero)
        {
            throw Invalid(
                CutoffInvalidId,
                $"The age '{shown}' is not valid: an age must be longer than zero, such as 30.00:00:00 for 30 days " +
                "(New-TimeSpan -Days 30). Nothing was removed.",
                age);
        }

        var utcNow = StoreDates.Normalize(now);
        if (age > utcNow - DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc))
        {
            throw Invalid(
                CutoffInvalidId,
                $"The age '{shown}' is not valid: it reaches back before the year 1. Give an age such as " +
                "30.00:00:00 for 30 days. Nothing was removed.",
                age);
        }

        var cutoff = utcNow - age;
        return new HistoryRetentionRule(cutoff, null, $"older than {shown} (started before {Show(cutoff)})");
    }

    /// <summary>
    /// Removes the records that started before <paramref name="cutoff"/> (a time without a zone is local time).
    /// A cutoff later than <paramref name="now"/> is an <c>HistoryCutoffInvalid</c> error.
    /// </summary>
    public static HistoryRetentionRule OlderThan(DateTime cutoff, DateTime now)
    {
        var utc = cutoff.Kind == DateTimeKind.Unspecified ? cutoff.ToUniversalTime() : StoreDates.Normalize(cutoff);
        if (utc > StoreDates.Normalize(now))
        {
            throw Invalid(
                CutoffInvalidId,
                $"The cutoff {Show(utc)} is in the future: history older than it would include runs that are still " +
                "to come. Give a time in the past, such as (Get-Date).AddDays(-30), or an age such as 30.00:00:00. " +
                "Nothing was removed.",
                cutoff);
        }

        return new HistoryRetentionRule(utc, null, $"started before {Show(utc)}");
    }

    /// <summary>
    /// Keeps the newest <paramref name="count"/> closed records of each plugin and removes the older ones; Running
    /// records are not counted among them. A negative count is an <c>HistoryKeepLastInvalid</c> error.
    /// </summary>
    public static HistoryRetentionRule KeepNewest(int count)
    {
        if (count < 0)
        {
            throw Invalid(
                KeepLastInvalidId,
                $"The count {count} of records to keep is not valid: give 0 or more closed records to keep for each " +
                "plugin. Nothing was removed.",
                count);
        }

        return new HistoryRetentionRule(null, count, $"beyond the newest {count} of each plugin");
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    private static string Show(DateTime utc) =>
        utc.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z";

    private static PluginSyncException Invalid(string id, string message, object target) =>
        new(id, PluginSyncErrorKind.InvalidArgument, message, target);
}
