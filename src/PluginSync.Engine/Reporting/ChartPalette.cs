namespace PluginSync.Engine.Reporting;

/// <summary>
/// The colours and shapes of the charts. The colours are from the Okabe-Ito set, chosen to stay apart for readers
/// with the common forms of colour blindness; the yellow of that set is left out because it is too pale on white.
/// Colour is never the only cue: failures are hatched, and each duration line has its own marker shape (and,
/// after the colours run out, its own dash pattern), so the charts also read in a greyscale print.
/// </summary>
internal static class ChartPalette
{
    /// <summary>Successful runs: blue.</summary>
    public const string Success = "#0072B2";

    /// <summary>Failed runs: vermillion, under white hatching.</summary>
    public const string Failure = "#D55E00";

    /// <summary>The id of the hatch pattern that failed runs are filled with.</summary>
    public const string FailurePatternId = "pattern-failure";

    private static readonly string[] LineColours =
    {
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
    };

    private static readonly string[] Dashes = { "", "8 4", "2 3" };

    /// <summary>The fill of a failure bar.</summary>
    public static string FailureFill => $"url(#{FailurePatternId})";

    /// <summary>The colour of the <paramref name="index"/>th line.</summary>
    public static string LineColour(int index) => LineColours[index % LineColours.Length];

    /// <summary>The dash pattern of the <paramref name="index"/>th line; empty for a solid line.</summary>
    public static string LineDash(int index) => Dashes[index / LineColours.Length % Dashes.Length];

    /// <summary>The marker shape of the <paramref name="index"/>th line.</summary>
    public static MarkerShape Marker(int index) => (MarkerShape)(index % 4);

    /// <summary>The SVG pattern that failure bars and their legend swatch are filled with.</summary>
    public static string FailurePattern =>
        $"<pattern id=\"{FailurePatternId}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" " +
        "patternTransform=\"rotate(45)\">" +
        $"<rect width=\"6\" height=\"6\" fill=\"{Failure}\" />" +
        "<rect width=\"2\" height=\"6\" fill=\"#ffffff\" fill-opacity=\"0.55\" />" +
        "</pattern>";

    /// <summary>SVG markup of a marker of <paramref name="shape"/> centred on (<paramref name="x"/>,
    /// <paramref name="y"/>), with <paramref name="inner"/> (a title) inside it.</summary>
    public static string MarkerElement(MarkerShape shape, double x, double y, string colour, string inner)
    {
        const double r = 4.5;
        var attributes = $"class=\"marker\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"1\"";
        string C(double v) => ReportFormat.Coordinate(v);
        return shape switch
        {
            MarkerShape.Square =>
                $"<rect {attributes} x=\"{C(x - r)}\" y=\"{C(y - r)}\" width=\"{C(2 * r)}\" height=\"{C(2 * r)}\">" +
                $"{inner}</rect>",
            MarkerShape.Triangle =>
                $"<path {attributes} d=\"M{C(x)} {C(y - r - 1)}L{C(x + r + 1)} {C(y + r)}" +
                $"L{C(x - r - 1)} {C(y + r)}Z\">{inner}</path>",
            MarkerShape.Diamond =>
                $"<path {attributes} d=\"M{C(x)} {C(y - r - 1)}L{C(x + r + 1)} {C(y)}L{C(x)} {C(y + r + 1)}" +
                $"L{C(x - r - 1)} {C(y)}Z\">{inner}</path>",
            _ => $"<circle {attributes} cx=\"{C(x)}\" cy=\"{C(y)}\" r=\"{C(r)}\">{inner}</circle>",
        };
    }
}
