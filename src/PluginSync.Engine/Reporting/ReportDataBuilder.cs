using System;
using System.Collections.Generic;
using System.Linq;
using PluginSync.Engine.Errors;
using PluginSync.Engine.History;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Storage;

namespace PluginSync.Engine.Reporting;

/// <summary>
/// Fills a <see cref="ReportData"/> from history records. It reads the window's records itself and counts them
/// here; it is kept apart from the writer so that the counting can move to another source of per-plugin figures
/// without touching how the report looks. Every error message is masked with the caller's
/// <see cref="SecretMasker"/>, because a message recorded before masking existed, or one a plugin leaked a
/// credential value into, must still not show it.
/// </summary>
public sealed class ReportDataBuilder
{
    /// <summary>The longest error message the report shows, in characters; longer ones are cut.</summary>
    public const int MessageLimit = 4000;

    private readonly SecretMasker _masker;

    /// <summary>A builder that masks every value <paramref name="masker"/> knows in error messages.</summary>
    public ReportDataBuilder(SecretMasker masker) =>
        _masker = masker ?? throw new ArgumentNullException(nameof(masker));

    /// <summary>
    /// Reads the records of the request's window from <paramref name="history"/> and counts them. Pass null when
    /// there is no store: the report then says that there is no history.
    /// </summary>
    public ReportData Build(HistoryRepository? history, ReportRequest request)
    {
        var (start, end) = Window(request);
        if (history is null)
        {
            return Assemble(Array.Empty<HistoryRecord>(), request, start, end, storeExists: false);
        }

        var query = new HistoryQuery { After = start, Before = end };
        foreach (var name in request.Names)
        {
            query.Names.Add(name);
        }

        return Assemble(history.Find(query), request, start, end, storeExists: true);
    }

    /// <summary>
    /// Counts <paramref name="records"/>, keeping those of the request's plugins that started in its window.
    /// </summary>
    public ReportData FromRecords(IEnumerable<HistoryRecord> records, ReportRequest request)
    {
        var (start, end) = Window(request);
        var patterns = request.Names.Select(n => new NamePattern(n)).ToList();
        var chosen = records.Where(r =>
            Utc(r.StartTime) >= start && Utc(r.StartTime) < end &&
            (patterns.Count == 0 || patterns.Any(p => p.IsMatch(r.PluginName))));
        return Assemble(chosen, request, start, end, storeExists: true);
    }

    private static (DateTime Start, DateTime End) Window(ReportRequest request)
    {
        if (request.TimeZone is null)
        {
            throw new ArgumentNullException(nameof(request), "The report request has no time zone.");
        }

        if (request.FailureLimit < 1)
        {
            throw new PluginSyncException(
                "ReportFailureLimitInvalid",
                PluginSyncErrorKind.InvalidArgument,
                $"The number of failures to list ({request.FailureLimit}) is not valid; it must be 1 or more.",
                request.FailureLimit);
        }

        var end = Utc(request.GeneratedAt);
        var start = request.After is { } after ? Utc(after) : end - ReportRequest.DefaultWindow;
        if (start >= end)
        {
            throw new PluginSyncException(
                "ReportWindowInvalid",
                PluginSyncErrorKind.InvalidArgument,
                $"The report's start ({start:o}) must be earlier than the time it is made ({end:o}).",
                request.After);
        }

        return (start, end);
    }

    private ReportData Assemble(
        IEnumerable<HistoryRecord> records, ReportRequest request, DateTime start, DateTime end, bool storeExists)
    {
        // A run that is still going has no outcome and no duration yet, so it is not counted.
        var ended = records.Where(r => r.Status != SyncStatus.Running).ToList();
        var byPlugin = ended
            .GroupBy(r => r.PluginName, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var failures = ended.Where(IsFailure).OrderByDescending(r => r.StartTime).ThenByDescending(r => r.Id).ToList();

        return new ReportData
        {
            GeneratedAt = end,
            StorePath = request.StorePath ?? "",
            StoreExists = storeExists,
            WindowStart = start,
            WindowEnd = end,
            TimeZone = request.TimeZone,
            Names = request.Names.ToList(),
            Plugins = byPlugin.Select(g => Row(DisplayName(g), g.ToList())).ToList(),
            Daily = byPlugin.Select(g => Series(DisplayName(g), g.ToList(), request.TimeZone)).ToList(),
            RecentFailures = failures.Take(request.FailureLimit).Select(Failure).ToList(),
            FailureCount = failures.Count,
        };
    }

    private static PluginReportRow Row(string name, IReadOnlyCollection<HistoryRecord> runs)
    {
        var successes = runs.Where(r => r.Status == SyncStatus.Completed).ToList();
        var failures = runs.Where(IsFailure).ToList();
        var durations = Durations(runs).ToList();

        return new PluginReportRow
        {
            PluginName = name,
            Runs = runs.Count,
            Successes = successes.Count,
            Failures = failures.Count,
            SuccessRate = runs.Count == 0 ? null : (double)successes.Count / runs.Count,
            MedianDuration = DurationStatistics.Median(durations),
            P95Duration = DurationStatistics.Percentile95(durations),
            LastSuccess = successes.Count == 0 ? null : successes.Max(r => Utc(r.StartTime)),
            LastFailure = failures.Count == 0 ? null : failures.Max(r => Utc(r.StartTime)),
            Processed = runs.Sum(r => r.Processed),
            Created = runs.Sum(r => r.Created),
            Updated = runs.Sum(r => r.Updated),
            Deleted = runs.Sum(r => r.Deleted),
            Failed = runs.Sum(r => r.Failed),
        };
    }

    private static PluginDailySeries Series(string name, IEnumerable<HistoryRecord> runs, TimeZoneInfo zone)
    {
        var days = runs
            .GroupBy(r => TimeZoneInfo.ConvertTimeFromUtc(Utc(r.StartTime), zone).Date)
            .OrderBy(g => g.Key)
            .Select(g => new DailyPoint
            {
                Day = DateTime.SpecifyKind(g.Key, DateTimeKind.Unspecified),
                Successes = g.Count(r => r.Status == SyncStatus.Completed),
                Failures = g.Count(IsFailure),
                MedianDuration = DurationStatistics.Median(Durations(g)),
            })
            .ToList();

        return new PluginDailySeries { PluginName = name, Days = days };
    }

    private ReportFailure Failure(HistoryRecord record)
    {
        // Masked before it is cut, so that a cut can never leave part of a secret value unmasked.
        var message = _masker.Apply(record.ErrorMessage) ?? "";
        if (message.Length > MessageLimit)
        {
            message = message.Substring(0, MessageLimit) + " [cut: the full message is in the history record]";
        }

        return new ReportFailure
        {
            PluginName = record.PluginName,
            StartTime = Utc(record.StartTime),
            Status = record.Status,
            HistoryId = record.Id,
            ErrorMessage = message,
        };
    }

    private static IEnumerable<TimeSpan> Durations(IEnumerable<HistoryRecord> runs) => runs
        .Where(r => r.Status != SyncStatus.Abandoned && r.Duration is { } d && d >= TimeSpan.Zero)
        .Select(r => r.Duration!.Value);

    private static bool IsFailure(HistoryRecord record) =>
        record.Status is not (SyncStatus.Completed or SyncStatus.Running);

    // The name as the newest run wrote it; names differ only in case between runs of one plugin.
    private static string DisplayName(IEnumerable<HistoryRecord> runs) =>
        runs.OrderByDescending(r => r.Id).First().PluginName;

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
