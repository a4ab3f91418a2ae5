using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PluginSync.Engine.Reporting;

/// <summary>
/// The chart of durations: one line per plugin through the median duration of its runs on each day it ran, with
/// a marker on every day that has a value, so that a plugin that ran on one day only still shows.
/// </summary>
internal static class DurationChart
{
    private const string Id = "chart-durations";

    private static readonly (string Name, double Seconds)[] Units =
    {
        ("ms", 0.001), ("s", 1), ("min", 60), ("h", 3600),
    };

    /// <summary>Writes the chart with its legend and caption, or a line saying there is nothing to chart.</summary>
    public static void Write(StringBuilder html, ReportData data)
    {
        var series = data.Daily
            .Select(s => (s.PluginName, Points: s.Days.Where(d => d.MedianDuration is not null).ToList()))
            .Where(s => s.Points.Count > 0)
            .ToList();
        if (series.Count == 0)
        {
            html.Append("<p class=\"chart-empty\" data-chart=\"durations\">No run in this window has a duration, ")
                .Append("so there is nothing to chart.</p>\n");
            return;
        }

        var longest = series.SelectMany(s => s.Points).Max(p => p.MedianDuration!.Value.TotalSeconds);
        var unit = UnitFor(longest);
        var scale = NiceScale.For(longest / unit.Seconds, whole: false);
        var frame = ChartFrame.For(data, scale)!;
        var description = $"One line per plugin, {series.Count} in all, through the median duration of each day's " +
                          $"runs, in {unit.Name}.";

        html.Append("<figure class=\"chart\" data-chart=\"durations\">\n");
        ChartFrame.Open(html, Id, "Median duration per plugin and day", description, "");
        frame.WriteAxes(
            html, v => v.ToString("0.##", CultureInfo.InvariantCulture) + " " + unit.Name,
            $"Median duration ({unit.Name})", "Day the run started");

        for (var i = 0; i < series.Count; i++)
        {
            WriteSeries(html, frame, i, series[i].PluginName, series[i].Points, unit);
        }

        html.Append("</svg>\n<ul class=\"legend\">");
        for (var i = 0; i < series.Count; i++)
        {
            html.Append("<li>").Append(Swatch(i)).Append(HtmlText.Escape(series[i].PluginName)).Append("</li>");
        }

        html.Append("</ul>\n")
            .Append("<figcaption>Each point is the median duration of the plugin's ended runs that started that day; ")
            .Append("abandoned runs are left out, because their end is when the stale run was found.</figcaption>\n")
            .Append("</figure>\n");
    }

    private static void WriteSeries(
        StringBuilder html, ChartFrame frame, int index, string plugin, IReadOnlyList<DailyPoint> points,
        (string Name, double Seconds) unit)
    {
        string C(double v) => ReportFormat.Coordinate(v);
        var colour = ChartPalette.LineColour(index);
        var dash = ChartPalette.LineDash(index);
        var coordinates = points
            .Select(p => (p, X: frame.Center(p.Day), Y: frame.Y(p.MedianDuration!.Value.TotalSeconds / unit.Seconds)))
            .ToList();

        html.Append($"<g class=\"series\" data-plugin=\"{HtmlText.Escape(plugin)}\">");
        if (coordinates.Count > 1)
        {
            var path = string.Join(" ", coordinates.Select(c => $"{C(c.X)},{C(c.Y)}"));
            html.Append($"<polyline class=\"line\" points=\"{path}\" fill=\"none\" stroke=\"{colour}\" ")
                .Append("stroke-width=\"2.5\" stroke-linejoin=\"round\"")
                .Append(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "")
                .Append($"><title>{HtmlText.Escape(plugin)}</title></polyline>");
        }

        foreach (var (point, x, y) in coordinates)
        {
            var runs = point.Successes + point.Failures;
            var title = $"{plugin}, {ReportFormat.Day(point.Day)}: median " +
                        $"{ReportFormat.Duration(point.MedianDuration)} over {runs} run{(runs == 1 ? "" : "s")}";
            html.Append(ChartPalette.MarkerElement(
                ChartPalette.Marker(index), x, y, colour, $"<title>{HtmlText.Escape(title)}</title>"));
        }

        html.Append("</g>\n");
    }

    private static string Swatch(int index)
    {
        var colour = ChartPalette.LineColour(index);
        var dash = ChartPalette.LineDash(index);
        var line = $"<line x1=\"1\" y1=\"8\" x2=\"31\" y2=\"8\" stroke=\"{colour}\" stroke-width=\"2.5\"" +
                   (dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "") + " />";
        return "<svg class=\"swatch\" width=\"32\" height=\"16\" viewBox=\"0 0 32 16\" aria-hidden=\"true\">" + line +
               ChartPalette.MarkerElement(ChartPalette.Marker(index), 16, 8, colour, "") + "</svg>";
    }

    private static (string Name, double Seconds) UnitFor(double longestSeconds) => longestSeconds switch
    {
        < 1 => Units[0],
        < 120 => Units[1],
        < 7200 => Units[2],
        _ => Units[3],
    };
}
