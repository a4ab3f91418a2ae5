namespace PluginSync.Engine.Reporting;

/// <summary>
/// The report's style sheet, inside the page. Only fonts every system has are named, so nothing is fetched. The
/// print rules keep a chart on one page, repeat table headings on each page and keep the colours, so a printed
/// report reads like the screen. It holds no '&lt;' or '&amp;', so the page stays well-formed XML.
/// </summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { color-scheme: light; }
        body {
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: #1a1a1a; background: #ffffff; line-height: 1.4;
          margin: 0 auto; padding: 24px; max-width: 1200px;
        }
        h1 { font-size: 1.6em; margin: 0 0 12px; }
        h2 { font-size: 1.25em; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #bbbbbb; }
        code { font-family: ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Consolas, monospace; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        dl.facts dt { font-weight: 600; }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 20px; padding: 0; margin: 12px 0 0; }
        nav a { color: #005a8c; }
        .notice { border-left: 4px solid #0072B2; background: #eef5fb; padding: 8px 12px; margin: 16px 0 0; }
        .empty, .chart-empty { font-style: italic; color: #444444; }
        .chart-empty { border: 1px dashed #999999; padding: 24px 16px; text-align: center; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
        th, td { border: 1px solid #bbbbbb; padding: 4px 6px; text-align: left; vertical-align: top; }
        thead th { background: #eef2f6; }
        tbody th { font-weight: 600; overflow-wrap: break-word; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.time { font-variant-numeric: tabular-nums; }
        table.failures td.time, .nowrap { white-space: nowrap; }
        td.message {
          white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.95em;
          font-family: ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Consolas, monospace;
        }
        figure.chart { margin: 0; }
        svg.chart-svg { display: block; width: 100%; height: auto; }
        svg.chart-svg text { font-size: 13px; fill: #222222; }
        svg.chart-svg .axis-title { font-weight: 600; }
        ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 24px; padding: 0; margin: 8px 0 0; }
        ul.legend li { display: flex; align-items: center; gap: 6px; }
        figcaption { font-size: 0.9em; color: #333333; margin-top: 6px; }
        footer { margin-top: 32px; font-size: 0.85em; color: #333333; border-top: 1px solid #bbbbbb; }
        @page { margin: 12mm; }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { max-width: none; padding: 0; font-size: 10pt; }
          nav { display: none; }
          table { font-size: 8pt; }
          thead { display: table-header-group; }
          tr, figure.chart { break-inside: avoid; }
          h2 { break-after: avoid; }
        }

        """;
}
