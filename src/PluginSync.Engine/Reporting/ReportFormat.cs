using System;
using System.Globalization;

namespace PluginSync.Engine.Reporting;

/// <summary>How the report writes numbers, rates, durations and times: the same way on every machine.</summary>
internal static class ReportFormat
{
    /// <summary>What a cell shows when there is no value.</summary>
    public const string None = "\u2014";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A whole number with thousands separators: 12,345.</summary>
    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A number for SVG coordinates: at most two decimals, a dot as separator.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", Invariant);

    /// <summary>A rate from 0 to 1 as a percentage with one decimal at most: 66.7 %.</summary>
    public static string Rate(double? rate) =>
        rate is { } r ? (r * 100).ToString("0.#", Invariant) + " %" : None;

    /// <summary>A duration in the unit that reads best: 850 ms, 4.25 s, 12.5 s, 3 min 05 s, 2 h 10 min.</summary>
    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            return None;
        }

        if (d < TimeSpan.FromSeconds(1))
        {
            return d.TotalMilliseconds.ToString("0", Invariant) + " ms";
        }

        if (d < TimeSpan.FromSeconds(10))
        {
            return d.TotalSeconds.ToString("0.00", Invariant) + " s";
        }

        if (d < TimeSpan.FromMinutes(1))
        {
            return d.TotalSeconds.ToString("0.0", Invariant) + " s";
        }

        if (d < TimeSpan.FromHours(1))
        {
            return $"{(int)d.TotalMinutes} min {d.Seconds:00} s";
        }

        return $"{(int)d.TotalHours} h {d.Minutes:00} min";
    }

    /// <summary>A UTC time shown in <paramref name="zone"/>: 2025-03-01 06:00:12.</summary>
    public static string Time(DateTime? utc, TimeZoneInfo zone) => utc is { } t
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), zone)
            .ToString("yyyy-MM-dd HH:mm:ss", Invariant)
        : None;

    /// <summary>A UTC time shown in <paramref name="zone"/> to the minute: 2025-03-01 06:00.</summary>
    public static string Minute(DateTime? utc, TimeZoneInfo zone) => utc is { } t
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), zone)
            .ToString("yyyy-MM-dd HH:mm", Invariant)
        : None;

    /// <summary>A day as a chart label: 1 Mar.</summary>
    public static string ShortDay(DateTime day) => day.ToString("d MMM", Invariant);

    /// <summary>A day in full: 2025-03-01.</summary>
    public static string Day(DateTime day) => day.ToString("yyyy-MM-dd", Invariant);

    /// <summary>The time zone's name and its offset from UTC at <paramref name="utc"/>: Europe/Berlin (UTC+01:00).
    /// </summary>
    public static string Zone(TimeZoneInfo zone, DateTime utc)
    {
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var text = offset == TimeSpan.Zero ? "UTC" : $"UTC{sign}{offset.Duration():hh\\:mm}";
        return zone.Equals(TimeZoneInfo.Utc) ? text : $"{zone.Id} ({text})";
    }
}
