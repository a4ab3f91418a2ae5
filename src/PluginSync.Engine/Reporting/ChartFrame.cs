using System;
using System.Linq;
using System.Text;

namespace PluginSync.Engine.Reporting;

/// <summary>
/// The frame both charts share: a fixed drawing size that the page scales to its width, one slot per day along
/// the bottom, a value axis on the left with grid lines, and the axis titles.
/// </summary>
internal sealed class ChartFrame
{
    public const double Width = 960;
    public const double Height = 320;
    private const double Left = 80;
    private const double Right = 16;
    private const double Top = 16;
    private const double Bottom = 56;
    private const int MostDayLabels = 12;

    private ChartFrame(DateTime firstDay, DateTime lastDay, NiceScale scale)
    {
        FirstDay = firstDay;
        DayCount = (lastDay - firstDay).Days + 1;
        Scale = scale;
    }

    /// <summary>The first day on the axis.</summary>
    public DateTime FirstDay { get; }

    /// <summary>How many days the axis shows.</summary>
    public int DayCount { get; }

    /// <summary>The value axis.</summary>
    public NiceScale Scale { get; }

    /// <summary>The width of one day's slot.</summary>
    public double Slot => PlotWidth / DayCount;

    /// <summary>The y of the value 0.</summary>
    public double Baseline => Top + PlotHeight;

    private static double PlotWidth => Width - Left - Right;

    private static double PlotHeight => Height - Top - Bottom;

    /// <summary>
    /// A frame from the first day with a run to the later of the last day with a run and the day the report was
    /// made, or null when the report has no runs.
    /// </summary>
    public static ChartFrame? For(ReportData data, NiceScale scale)
    {
        var days = data.Daily.SelectMany(s => s.Days).Select(d => d.Day.Date).ToList();
        if (days.Count == 0)
        {
            return null;
        }

        var today = TimeZoneInfo.ConvertTimeFromUtc(
            DateTime.SpecifyKind(data.GeneratedAt, DateTimeKind.Utc), data.TimeZone).Date;
        var last = days.Max() > today ? days.Max() : today;

        // Limitation: a window of years draws bars narrower than a pixel; they still draw, side by side.
        return new ChartFrame(days.Min(), last, scale);
    }

    /// <summary>The x of the middle of <paramref name="day"/>'s slot.</summary>
    public double Center(DateTime day) => Left + ((day.Date - FirstDay).Days + 0.5) * Slot;

    /// <summary>The y of <paramref name="value"/> on the value axis.</summary>
    public double Y(double value) => Baseline - value / Scale.Top * PlotHeight;

    /// <summary>Opens the SVG element, with a title and a description that screen readers read.</summary>
    public static void Open(StringBuilder svg, string id, string title, string description, string definitions)
    {
        svg.Append($"<svg id=\"{id}\" class=\"chart-svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" ")
            .Append($"aria-labelledby=\"{id}-title {id}-desc\" preserveAspectRatio=\"xMidYMid meet\">\n")
            .Append($"<title id=\"{id}-title\">{HtmlText.Escape(title)}</title>\n")
            .Append($"<desc id=\"{id}-desc\">{HtmlText.Escape(description)}</desc>\n");
        if (definitions.Length > 0)
        {
            svg.Append("<defs>").Append(definitions).Append("</defs>\n");
        }
    }

    /// <summary>Draws the grid, both axes with their tick labels, and the axis titles.</summary>
    public void WriteAxes(StringBuilder svg, Func<double, string> valueLabel, string valueTitle, string dayTitle)
    {
        string C(double v) => ReportFormat.Coordinate(v);

        svg.Append("<g class=\"grid\">");
        foreach (var tick in Scale.Ticks)
        {
            var y = C(Y(tick));
            svg.Append($"<line x1=\"{C(Left)}\" x2=\"{C(Width - Right)}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#dddddd\" />");
        }

        svg.Append("</g>\n<g class=\"axis axis-value\">");
        foreach (var tick in Scale.Ticks)
        {
            svg.Append($"<text x=\"{C(Left - 8)}\" y=\"{C(Y(tick))}\" dy=\"0.32em\" text-anchor=\"end\">")
                .Append(HtmlText.Escape(valueLabel(tick))).Append("</text>");
        }

        var middle = Top + PlotHeight / 2;
        svg.Append($"<line x1=\"{C(Left)}\" x2=\"{C(Left)}\" y1=\"{C(Top)}\" y2=\"{C(Baseline)}\" ")
            .Append("stroke=\"#333333\" />")
            .Append($"<text class=\"axis-title\" x=\"18\" y=\"{C(middle)}\" text-anchor=\"middle\" ")
            .Append($"transform=\"rotate(-90 18 {C(middle)})\">{HtmlText.Escape(valueTitle)}</text>")
            .Append("</g>\n<g class=\"axis axis-day\">");

        var stride = (int)Math.Ceiling(DayCount / (double)MostDayLabels);
        for (var i = 0; i < DayCount; i += stride)
        {
            var day = FirstDay.AddDays(i);
            var x = C(Center(day));
            svg.Append($"<line x1=\"{x}\" x2=\"{x}\" y1=\"{C(Baseline)}\" y2=\"{C(Baseline + 5)}\" ")
                .Append("stroke=\"#333333\" />")
                .Append($"<text x=\"{x}\" y=\"{C(Baseline + 20)}\" text-anchor=\"middle\">")
                .Append(HtmlText.Escape(ReportFormat.ShortDay(day))).Append("</text>");
        }

        svg.Append($"<line x1=\"{C(Left)}\" x2=\"{C(Width - Right)}\" y1=\"{C(Baseline)}\" y2=\"{C(Baseline)}\" ")
            .Append("stroke=\"#333333\" />")
            .Append($"<text class=\"axis-title\" x=\"{C(Left + PlotWidth / 2)}\" y=\"{C(Height - 6)}\" ")
            .Append($"text-anchor=\"middle\">{HtmlText.Escape(dayTitle)}</text>")
            .Append("</g>\n");
    }
}
