using System;
using System.Linq;
using System.Text;

namespace PluginSync.Engine.Reporting;

/// <summary>
/// The chart of runs per day: one bar per day, successes (blue) at the bottom and failures (hatched vermillion)
/// stacked on top, over all the report's plugins.
/// </summary>
internal static class RunsChart
{
    private const string Id = "chart-runs";

    /// <summary>Writes the chart with its legend and caption, or a line saying there is nothing to chart.</summary>
    public static void Write(StringBuilder html, ReportData data)
    {
        var days = data.Daily
            .SelectMany(s => s.Days)
            .GroupBy(d => d.Day.Date)
            .Select(g => (Day: g.Key, Successes: g.Sum(d => d.Successes), Failures: g.Sum(d => d.Failures)))
            .OrderBy(d => d.Day)
            .ToList();
        var scale = NiceScale.For(days.Count == 0 ? 0 : days.Max(d => d.Successes + d.Failures), whole: true);
        var frame = ChartFrame.For(data, scale);
        if (frame is null)
        {
            html.Append("<p class=\"chart-empty\" data-chart=\"runs\">No runs ended in this window, so there is ")
                .Append("nothing to chart.</p>\n");
            return;
        }

        var successes = days.Sum(d => d.Successes);
        var failures = days.Sum(d => d.Failures);
        var description = $"Stacked bars per day from {ReportFormat.Day(frame.FirstDay)}: {successes} successful " +
                          $"and {failures} failed runs in all.";

        html.Append("<figure class=\"chart\" data-chart=\"runs\">\n");
        ChartFrame.Open(html, Id, "Successful and failed runs per day", description, ChartPalette.FailurePattern);
        frame.WriteAxes(html, v => ReportFormat.Count((long)v), "Runs", "Day the run started");

        var width = Math.Max(0.5, Math.Min(48, frame.Slot * 0.7));
        html.Append("<g class=\"bars\">");
        foreach (var (day, succeeded, failed) in days)
        {
            var x = frame.Center(day) - width / 2;
            var label = ReportFormat.Day(day);
            Bar(html, "bar bar-success", ChartPalette.Success, x, width, frame.Y(succeeded), frame.Y(0),
                $"{label}: {succeeded} succeeded", succeeded);
            Bar(html, "bar bar-failure", ChartPalette.FailureFill, x, width, frame.Y(succeeded + failed),
                frame.Y(succeeded), $"{label}: {failed} failed", failed);
        }

        html.Append("</g>\n</svg>\n")
            .Append("<ul class=\"legend\">")
            .Append("<li><svg class=\"swatch\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">")
            .Append($"<rect width=\"14\" height=\"14\" fill=\"{ChartPalette.Success}\" /></svg>Succeeded</li>")
            .Append("<li><svg class=\"swatch\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">")
            .Append($"<rect width=\"14\" height=\"14\" fill=\"{ChartPalette.FailureFill}\" /></svg>")
            .Append("Failed, timed out, cancelled or abandoned</li>")
            .Append("</ul>\n")
            .Append("<figcaption>Each bar counts the runs of every plugin in the report that started on that day ")
            .Append($"and have ended: {ReportFormat.Count(successes)} succeeded and {ReportFormat.Count(failures)} ")
            .Append("did not.</figcaption>\n</figure>\n");
    }

    private static void Bar(
        StringBuilder html, string cssClass, string fill, double x, double width, double top, double bottom,
        string title, int count)
    {
        if (count == 0)
        {
            return;
        }

        string C(double v) => ReportFormat.Coordinate(v);
        html.Append($"<rect class=\"{cssClass}\" x=\"{C(x)}\" y=\"{C(top)}\" width=\"{C(width)}\" ")
            .Append($"height=\"{C(bottom - top)}\" fill=\"{fill}\"><title>{HtmlText.Escape(title)}</title></rect>");
    }
}
