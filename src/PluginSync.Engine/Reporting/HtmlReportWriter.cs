using System;
using System.IO;
using System.Linq;
using System.Text;

namespace PluginSync.Engine.Reporting;

/// <summary>
/// Writes a <see cref="ReportData"/> as one self-contained HTML file: a table per plugin, a chart of successes
/// and failures per day, a chart of durations per plugin, and the most recent failures with their messages.
/// </summary>
/// <remarks>
/// The charts are inline SVG, drawn here, rather than a charting library vendored into the module. A report is
/// opened from a mail attachment, a file share or a CI artefact, often offline and often printed. Inline SVG
/// needs no script at all, so the file is complete by construction, draws the same in every browser and in
/// print, and stays small: the whole chart is a few hundred elements, where a library would add a large
/// minified script to every report and a runtime step that could fail. The two charts needed here (stacked bars
/// and lines over days) are simple enough to draw with care: round axis steps, labels, a legend, colour-blind
/// safe colours and shapes that also tell the series apart in greyscale.
/// <para>
/// The page loads nothing: a Content-Security-Policy in the page forbids every script and every load from outside
/// it, and the only links are to its own sections. The markup is also well-formed XML, so it can be read by any
/// XML tool. Every text that comes from the history is escaped; error messages arrive masked from
/// <see cref="ReportDataBuilder"/>.
/// </para>
/// </remarks>
public sealed class HtmlReportWriter
{
    /// <summary>The policy that keeps the page from running a script or loading anything from outside itself.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    /// <summary>The report as HTML text.</summary>
    public string ToHtml(ReportData data)
    {
        if (data is null)
        {
            throw new ArgumentNullException(nameof(data));
        }

        var html = new StringBuilder(64 * 1024);
        WriteHead(html, data);
        WriteHeader(html, data);
        html.Append("<main>\n");
        WritePlugins(html, data);
        WriteRuns(html, data);
        WriteDurations(html, data);
        WriteFailures(html, data);
        html.Append("</main>\n");
        WriteFooter(html);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the report to <paramref name="output"/>.</summary>
    public void Write(ReportData data, TextWriter output)
    {
        if (output is null)
        {
            throw new ArgumentNullException(nameof(output));
        }

        output.Write(ToHtml(data));
    }

    /// <summary>
    /// Writes the report to the file <paramref name="path"/> (a full path) in UTF-8, whole or not at all: an
    /// existing file is replaced only once the new one is complete. The folder must exist.
    /// </summary>
    public void WriteFile(ReportData data, string path)
    {
        if (string.IsNullOrWhiteSpace(path) || !Path.IsPathRooted(path))
        {
            throw new ArgumentException($"The report path '{path}' is not a full path.", nameof(path));
        }

        var html = ToHtml(data);
        ReportFile.WriteAtomically(path, writer => writer.Write(html));
    }

    private static void WriteHead(StringBuilder html, ReportData data)
    {
        var title = $"PluginSync report, {ReportFormat.Time(data.GeneratedAt, data.TimeZone)}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
            .Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\" />\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
            .Append("<meta name=\"color-scheme\" content=\"light\" />\n")
            .Append($"<title>{HtmlText.Escape(title)}</title>\n")
            .Append("<style>\n").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n");
    }

    private static void WriteHeader(StringBuilder html, ReportData data)
    {
        var zone = data.TimeZone;
        var plugins = data.Names.Count == 0 ? "all" : string.Join(", ", data.Names);
        var window = $"{ReportFormat.Time(data.WindowStart, zone)} to {ReportFormat.Time(data.WindowEnd, zone)}";

        html.Append("<header>\n<h1>PluginSync report</h1>\n<dl class=\"facts\">\n");
        Fact(html, "Made", ReportFormat.Time(data.GeneratedAt, zone));
        Fact(html, "Runs that started", window);
        Fact(html, "Plugins", plugins);
        Fact(html, "Store", data.StorePath);
        Fact(html, "Times in", ReportFormat.Zone(zone, data.GeneratedAt));
        html.Append("</dl>\n")
            .Append("<nav><ul><li><a href=\"#plugins\">Plugins</a></li><li><a href=\"#runs\">Runs per day</a></li>")
            .Append("<li><a href=\"#durations\">Durations</a></li><li><a href=\"#failures\">Recent failures</a></li>")
            .Append("</ul></nav>\n");

        if (!data.StoreExists)
        {
            html.Append("<p class=\"notice\" id=\"no-store\">There is no PluginSync store at ")
                .Append($"<code>{HtmlText.Escape(data.StorePath)}</code> yet, so there is no history to report. ")
                .Append("A store is created by the first configuration or run.</p>\n");
        }
        else if (data.Plugins.Count == 0)
        {
            html.Append("<p class=\"notice\" id=\"no-runs\">No run of ")
                .Append(data.Names.Count == 0 ? "any plugin" : "the chosen plugins")
                .Append(" ended in this window.</p>\n");
        }

        html.Append("</header>\n");
    }

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append($"<dt>{HtmlText.Escape(name)}</dt><dd>{HtmlText.Escape(value)}</dd>\n");

    private static void WritePlugins(StringBuilder html, ReportData data)
    {
        html.Append("<section id=\"plugins\">\n<h2>Plugins</h2>\n<table class=\"plugins\">\n<thead>\n")
            .Append("<tr><th rowspan=\"2\" scope=\"col\">Plugin</th><th colspan=\"4\" scope=\"colgroup\">Runs</th>")
            .Append("<th colspan=\"2\" scope=\"colgroup\">Duration</th>")
            .Append("<th colspan=\"2\" scope=\"colgroup\">Last run that</th>")
            .Append("<th colspan=\"5\" scope=\"colgroup\">Records</th></tr>\n<tr>");
        foreach (var heading in new[]
                 {
                     "All", "Succeeded", "Failed", "Success rate", "Median", "95th percentile", "Succeeded",
                     "Failed", "Processed", "Created", "Updated", "Deleted", "Failed",
                 })
        {
            html.Append($"<th scope=\"col\">{heading}</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        if (data.Plugins.Count == 0)
        {
            html.Append("<tr><td colspan=\"14\" class=\"empty\">No runs in this window.</td></tr>\n");
        }

        foreach (var row in data.Plugins)
        {
            html.Append($"<tr data-plugin=\"{HtmlText.Escape(row.PluginName)}\">")
                .Append($"<th scope=\"row\">{HtmlText.Escape(row.PluginName)}</th>");
            Cell(html, "runs", ReportFormat.Count(row.Runs));
            Cell(html, "successes", ReportFormat.Count(row.Successes));
            Cell(html, "failures", ReportFormat.Count(row.Failures));
            Cell(html, "success-rate", ReportFormat.Rate(row.SuccessRate));
            Cell(html, "median-duration", ReportFormat.Duration(row.MedianDuration));
            Cell(html, "p95-duration", ReportFormat.Duration(row.P95Duration));
            TimeCell(html, "last-success", ReportFormat.Minute(row.LastSuccess, data.TimeZone));
            TimeCell(html, "last-failure", ReportFormat.Minute(row.LastFailure, data.TimeZone));
            Cell(html, "processed", ReportFormat.Count(row.Processed));
            Cell(html, "created", ReportFormat.Count(row.Created));
            Cell(html, "updated", ReportFormat.Count(row.Updated));
            Cell(html, "deleted", ReportFormat.Count(row.Deleted));
            Cell(html, "failed", ReportFormat.Count(row.Failed));
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Cell(StringBuilder html, string column, string text, string cssClass = "num") =>
        html.Append($"<td class=\"{cssClass}\" data-column=\"{column}\">{HtmlText.Escape(text)}</td>");

    // A narrow column may break a time between its date and its clock time, never inside either.
    private static void TimeCell(StringBuilder html, string column, string text)
    {
        html.Append($"<td class=\"time\" data-column=\"{column}\">");
        var parts = text.Split(' ');
        for (var i = 0; i < parts.Length; i++)
        {
            html.Append(i > 0 ? " " : "").Append($"<span class=\"nowrap\">{HtmlText.Escape(parts[i])}</span>");
        }

        html.Append("</td>");
    }

    private static void WriteRuns(StringBuilder html, ReportData data)
    {
        html.Append("<section id=\"runs\">\n<h2>Runs per day</h2>\n");
        RunsChart.Write(html, data);
        html.Append("</section>\n");
    }

    private static void WriteDurations(StringBuilder html, ReportData data)
    {
        html.Append("<section id=\"durations\">\n<h2>Duration per plugin</h2>\n");
        DurationChart.Write(html, data);
        html.Append("</section>\n");
    }

    private static void WriteFailures(StringBuilder html, ReportData data)
    {
        html.Append("<section id=\"failures\">\n<h2>Recent failures</h2>\n");
        if (data.RecentFailures.Count == 0)
        {
            html.Append("<p class=\"empty\">No run failed in this window.</p>\n</section>\n");
            return;
        }

        html.Append("<p>").Append(FailureIntroduction(data.RecentFailures.Count, data.FailureCount)).Append("</p>\n")
            .Append("<table class=\"failures\">\n<thead><tr><th scope=\"col\">Started</th>")
            .Append("<th scope=\"col\">Plugin</th>")
            .Append("<th scope=\"col\">Status</th><th scope=\"col\">History id</th><th scope=\"col\">Message</th></tr>")
            .Append("</thead>\n<tbody>\n");
        foreach (var failure in data.RecentFailures)
        {
            var message = failure.ErrorMessage.Length == 0 ? "(no message was recorded)" : failure.ErrorMessage;
            html.Append($"<tr data-history-id=\"{failure.HistoryId}\">");
            Cell(html, "started", ReportFormat.Time(failure.StartTime, data.TimeZone), "time");
            Cell(html, "plugin", failure.PluginName, "text");
            Cell(html, "status", failure.Status.ToString(), "text");
            Cell(html, "history-id", failure.HistoryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Cell(html, "message", message, "message");
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static string FailureIntroduction(int shown, int all)
    {
        if (all == 1)
        {
            return "The one run in this window that did not succeed.";
        }

        return shown == all
            ? $"All {ReportFormat.Count(all)} runs in this window that did not succeed, newest first."
            : $"The {ReportFormat.Count(shown)} newest of the {ReportFormat.Count(all)} runs in this window that " +
              "did not succeed.";
    }

    private static void WriteFooter(StringBuilder html) =>
        html.Append("<footer>\n<p>How the numbers are counted: only runs that have ended count. A run succeeded ")
            .Append("when it Completed; every other end (Failed, TimedOut, Cancelled, Abandoned) counts as failed, ")
            .Append("so All is always Succeeded plus Failed. Durations leave out abandoned runs, whose end is when ")
            .Append("the stale run was found. The 95th percentile is the shortest duration that 95% of the runs did ")
            .Append("not exceed. Record counts add up every ended run. Credential values in messages are shown as ")
            .Append($"<code>{Secrets.SecretMasker.Mask}</code>. Get-SyncHistory -Id shows the history record of a run.")
            .Append("</p>\n</footer>\n");
}
