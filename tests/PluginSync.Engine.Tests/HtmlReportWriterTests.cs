using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using PluginSync.Engine.Errors;
using PluginSync.Engine.History;
using PluginSync.Engine.Reporting;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Tests.Support;
using Xunit;
using static PluginSync.Engine.Tests.Support.ReportRecords;

namespace PluginSync.Engine.Tests;

public sealed class HtmlReportWriterTests
{
    private const string OddName = "a<b>&\"c'";
    private static readonly DateTime Now = new(2025, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private static ReportData Build(IEnumerable<HistoryRecord> records, params string[] secrets) =>
        new ReportDataBuilder(new SecretMasker(secrets))
            .FromRecords(records, new ReportRequest { GeneratedAt = Now, StorePath = "/data/pluginsync.db" });

    private static string Html(ReportData data) => new HtmlReportWriter().ToHtml(data);

    private static XDocument Parse(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }

    private static IEnumerable<XElement> WithClass(XContainer root, string name, string cssClass) =>
        root.Descendants(name).Where(e => ((string?)e.Attribute("class") ?? "").Split(' ').Contains(cssClass));

    private static XElement Chart(XDocument document, string id) =>
        document.Descendants("svg").Single(e => (string?)e.Attribute("id") == id);

    private static List<HistoryRecord> TwoPluginsOverThreeDays() => new()
    {
        Ended("hr", Now.AddDays(-2), duration: TimeSpan.FromSeconds(2), processed: 10),
        Ended("hr", Now.AddDays(-1), duration: TimeSpan.FromSeconds(4), processed: 10),
        Ended("hr", Now.AddDays(-1).AddHours(-1), SyncStatus.Failed, TimeSpan.FromSeconds(1), "hr failed"),
        Ended("hr", Now.AddHours(-1), duration: TimeSpan.FromSeconds(3)),
        Ended("folder", Now.AddHours(-2), SyncStatus.TimedOut, TimeSpan.FromSeconds(30), "took too long"),
    };

    [Fact]
    public void WritesWellFormedMarkup()
    {
        var document = Parse(Html(Build(TwoPluginsOverThreeDays())));

        Assert.Equal("html", document.Root!.Name.LocalName);
        Assert.Single(document.Descendants("body"));
    }

    [Fact]
    public void EscapesPluginNamesInTheTableTheChartsAndTheFailures()
    {
        var records = new[]
        {
            Ended(OddName, Now.AddDays(-1)),
            Ended(OddName, Now.AddHours(-1), SyncStatus.Failed, error: "failed"),
        };

        var html = Html(Build(records));
        var document = Parse(html);

        Assert.DoesNotContain("a<b>", html);
        Assert.Contains("a&lt;b&gt;&amp;&quot;c&#39;", html);
        Assert.Equal(OddName, document.Descendants("tr").Single(r => (string?)r.Attribute("data-plugin") == OddName)
            .Element("th")!.Value);
        var legendItems = WithClass(document, "ul", "legend").SelectMany(l => l.Elements("li"));
        Assert.Contains(legendItems, li => li.Value == OddName);
        Assert.Equal(OddName, WithClass(document, "td", "text").First().Value);
        Assert.Contains(
            Chart(document, "chart-durations").Descendants("title"), t => t.Value.StartsWith(OddName + ", "));
    }

    [Fact]
    public void EscapesErrorMessagesSoTheyCannotAddMarkup()
    {
        const string message = "<script>alert(\"x\")</script> & 'y' <img src=x onerror=alert(1)>";
        var records = new[] { Ended("hr", Now.AddHours(-1), SyncStatus.Failed, error: message) };

        var html = Html(Build(records));
        var document = Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(message, WithClass(document, "td", "message").Single().Value);
    }

    [Fact]
    public void ShowsNoSecretValueInClearOrEscaped()
    {
        const string apiKey = "sk-live-9f8e7d";
        const string password = "p<ss&\"word'";
        var records = new[]
        {
            Ended("hr", Now.AddHours(-2), SyncStatus.Failed, error: $"login as admin:{password} refused"),
            Ended("hr", Now.AddHours(-1), SyncStatus.Failed, error: $"401 Unauthorized for key {apiKey}"),
        };

        var html = Html(Build(records, apiKey, password));

        Assert.DoesNotContain(apiKey, html);
        Assert.DoesNotContain(password, html);
        Assert.DoesNotContain("p&lt;ss&amp;&quot;word&#39;", html);
        Assert.Contains($"login as admin:{SecretMasker.Mask} refused", html);
        Assert.Contains($"401 Unauthorized for key {SecretMasker.Mask}", html);
    }

    [Fact]
    public void LoadsNothingFromOutsideTheFile()
    {
        var html = Html(Build(TwoPluginsOverThreeDays()));
        var document = Parse(html);
        var attributes = document.Descendants().SelectMany(e => e.Attributes()).ToList();
        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).Where(i => i is not null).ToHashSet();

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(attributes, a => a.Name.LocalName is "src" or "srcset" or "xlink:href" or "action");
        foreach (var href in attributes.Where(a => a.Name.LocalName == "href"))
        {
            Assert.StartsWith("#", href.Value);
            Assert.Contains(href.Value.Substring(1), ids);
        }

        var loaders = new[] { "script", "link", "img", "iframe", "object", "embed", "image", "use", "base", "form" };
        Assert.DoesNotContain(document.Descendants(), e => loaders.Contains(e.Name.LocalName));
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("@font-face", html);
        Assert.Equal(html.Split(new[] { "url(" }, StringSplitOptions.None).Length - 1, CountOf(html, "url(#"));
    }

    [Fact]
    public void DeclaresAPolicyThatForbidsScriptsAndOutsideLoads()
    {
        var document = Parse(Html(Build(TwoPluginsOverThreeDays())));

        var policy = document.Descendants("meta")
            .Single(m => (string?)m.Attribute("http-equiv") == "Content-Security-Policy");
        Assert.Contains("default-src 'none'", (string)policy.Attribute("content")!);
        Assert.DoesNotContain("script-src", (string)policy.Attribute("content")!);
    }

    [Fact]
    public void KeepsAnAddressInAMessageAsTextOnly()
    {
        var records = new[]
        {
            Ended("rest", Now.AddHours(-1), SyncStatus.Failed, error: "GET https://api.test/items returned 500"),
        };

        var document = Parse(Html(Build(records)));

        var holders = document.Descendants()
            .Where(e => e.Nodes().OfType<XText>().Any(t => t.Value.Contains("https://")));
        Assert.Equal("message", (string?)holders.Single().Attribute("data-column"));
        Assert.DoesNotContain(
            document.Descendants().SelectMany(e => e.Attributes()), a => a.Value.Contains("https://"));
    }

    [Fact]
    public void SaysThereIsNoHistoryWhenThereIsNoStore()
    {
        var data = new ReportDataBuilder(SecretMasker.None)
            .Build(null, new ReportRequest { GeneratedAt = Now, StorePath = "/nowhere/pluginsync.db" });

        var document = Parse(Html(data));

        var notice = document.Descendants("p").Single(p => (string?)p.Attribute("id") == "no-store");
        Assert.Contains("/nowhere/pluginsync.db", notice.Value);
        Assert.Contains("no history", notice.Value);
        AssertEmptyState(document);
    }

    [Fact]
    public void SaysNoRunEndedWhenTheStoreHasNoRunsInTheWindow()
    {
        var document = Parse(Html(Build(new[] { Ended("hr", Now.AddDays(-45)), Running("hr", Now.AddMinutes(-1)) })));

        Assert.Single(document.Descendants("p"), p => (string?)p.Attribute("id") == "no-runs");
        Assert.DoesNotContain(document.Descendants("p"), p => (string?)p.Attribute("id") == "no-store");
        AssertEmptyState(document);
    }

    [Fact]
    public void ShowsThePluginRowsNumbersAsGiven()
    {
        var row = new PluginReportRow
        {
            PluginName = "hr",
            Runs = 12345,
            Successes = 12000,
            Failures = 345,
            SuccessRate = 12000.0 / 12345,
            MedianDuration = TimeSpan.FromMilliseconds(850),
            P95Duration = TimeSpan.FromSeconds(75),
            LastSuccess = new DateTime(2025, 3, 9, 6, 30, 0, DateTimeKind.Utc),
            LastFailure = null,
            Processed = 9876543210,
            Created = 1234567,
            Updated = 7654321,
            Deleted = 0,
            Failed = 42,
        };
        var data = new ReportData
        {
            GeneratedAt = Now, WindowStart = Now.AddDays(-30), WindowEnd = Now, StoreExists = true,
            Plugins = new[] { row },
        };

        var cells = Parse(Html(data)).Descendants("tr").Single(r => (string?)r.Attribute("data-plugin") == "hr")
            .Elements("td").ToDictionary(c => (string)c.Attribute("data-column")!, c => c.Value);

        Assert.Equal("12,345", cells["runs"]);
        Assert.Equal("12,000", cells["successes"]);
        Assert.Equal("345", cells["failures"]);
        Assert.Equal("97.2 %", cells["success-rate"]);
        Assert.Equal("850 ms", cells["median-duration"]);
        Assert.Equal("1 min 15 s", cells["p95-duration"]);
        Assert.Equal("2025-03-09 06:30", cells["last-success"]);
        Assert.Equal("\u2014", cells["last-failure"]);
        Assert.Equal("9,876,543,210", cells["processed"]);
        Assert.Equal("1,234,567", cells["created"]);
        Assert.Equal("7,654,321", cells["updated"]);
        Assert.Equal("0", cells["deleted"]);
        Assert.Equal("42", cells["failed"]);
    }

    [Fact]
    public void ShowsTheBuiltCountsOfEachPlugin()
    {
        var data = Build(TwoPluginsOverThreeDays());

        var rows = Parse(Html(data)).Descendants("tr").Where(r => r.Attribute("data-plugin") is not null)
            .ToDictionary(r => (string)r.Attribute("data-plugin")!, r => r.Elements("td")
                .ToDictionary(c => (string)c.Attribute("data-column")!, c => c.Value));

        Assert.Equal(new[] { "folder", "hr" }, rows.Keys.OrderBy(k => k));
        Assert.Equal(("4", "3", "1", "75 %"), (rows["hr"]["runs"], rows["hr"]["successes"], rows["hr"]["failures"],
            rows["hr"]["success-rate"]));
        Assert.Equal("2.50 s", rows["hr"]["median-duration"]);
        Assert.Equal("20", rows["hr"]["processed"]);
        Assert.Equal(("1", "0", "0 %"), (rows["folder"]["runs"], rows["folder"]["successes"],
            rows["folder"]["success-rate"]));
    }

    [Fact]
    public void DrawsStackedBarsWhoseHeightsFollowTheCounts()
    {
        var records = new List<HistoryRecord>
        {
            Ended("hr", Now.AddDays(-1).AddHours(-1)),
            Ended("hr", Now.AddDays(-1).AddHours(-2)),
            Ended("hr", Now.AddHours(-1)),
            Ended("crm", Now.AddHours(-2)),
            Ended("crm", Now.AddHours(-3)),
            Ended("crm", Now.AddHours(-4)),
            Ended("crm", Now.AddHours(-5), SyncStatus.Failed),
            Ended("crm", Now.AddHours(-6), SyncStatus.Abandoned),
        };

        var chart = Chart(Parse(Html(Build(records))), "chart-runs");

        var successes = WithClass(chart, "rect", "bar-success").ToList();
        var failures = WithClass(chart, "rect", "bar-failure").ToList();
        Assert.Equal(2, successes.Count);
        Assert.Single(failures);
        var heights = successes.Select(Height).ToList();
        // Coordinates are written with two decimals, so values are compared to the first.
        Assert.Equal(heights[0] * 2, heights[1], 1);
        Assert.Equal(heights[0], Height(failures[0]), 1);
        Assert.Equal(Number(successes[1], "y"), Number(failures[0], "y") + Height(failures[0]), 1);
        Assert.Contains("2 succeeded", successes[0].Element("title")!.Value);
        Assert.Contains("2 failed", failures[0].Element("title")!.Value);
    }

    [Fact]
    public void DrawsALinePerPluginWithAMarkerForEachDayWithADuration()
    {
        var chart = Chart(Parse(Html(Build(TwoPluginsOverThreeDays()))), "chart-durations");

        var series = WithClass(chart, "g", "series").ToList();
        Assert.Equal(new[] { "folder", "hr" }, series.Select(s => (string)s.Attribute("data-plugin")!));
        Assert.Empty(WithClass(series[0], "polyline", "line"));
        Assert.Single(series[0].Descendants(), e => (string?)e.Attribute("class") == "marker");
        var line = WithClass(series[1], "polyline", "line").Single();
        Assert.Equal(3, ((string)line.Attribute("points")!).Split(' ').Length);
        Assert.Equal(3, series[1].Descendants().Count(e => (string?)e.Attribute("class") == "marker"));
        Assert.NotEqual(line.Attribute("stroke")!.Value, series[0].Descendants().First().Attribute("fill")!.Value);
    }

    [Fact]
    public void GivesEachChartAxisTitlesTickLabelsAndALegend()
    {
        var document = Parse(Html(Build(TwoPluginsOverThreeDays())));

        foreach (var id in new[] { "chart-runs", "chart-durations" })
        {
            var chart = Chart(document, id);
            var titles = chart.Descendants("text").Where(t => (string?)t.Attribute("class") == "axis-title")
                .Select(t => t.Value).ToList();
            Assert.Contains("Day the run started", titles);
            Assert.Equal(2, titles.Count);
            Assert.True(chart.Descendants("text").Count() >= 5, $"{id} has tick labels");
            Assert.NotEmpty(chart.Element("title")!.Value);
            var legend = chart.ElementsAfterSelf("ul").Single();
            Assert.True(legend.Elements("li").Count() >= 2, $"{id} has a legend");
        }

        Assert.Contains("Runs", Chart(document, "chart-runs").Descendants("text").Select(t => t.Value));
        Assert.Contains(
            "Median duration (s)", Chart(document, "chart-durations").Descendants("text").Select(t => t.Value));
    }

    [Fact]
    public void WritesTheFileWholeAndReplacesAnOldOne()
    {
        using var folder = new TempFolder();
        var path = folder.WriteFile("report.html", "old report");
        var data = Build(TwoPluginsOverThreeDays());

        new HtmlReportWriter().WriteFile(data, path);

        Assert.Equal(Html(data), File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(folder.Path));
        var bytes = File.ReadAllBytes(path);
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no BOM");
    }

    [Fact]
    public void RefusesAFileInAFolderThatDoesNotExist()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("missing", "report.html");

        var data = Build(Array.Empty<HistoryRecord>());

        var error = Assert.Throws<PluginSyncException>(() => new HtmlReportWriter().WriteFile(data, path));

        Assert.Equal("ReportFolderNotFound", error.ErrorId);
        Assert.Contains(folder.Combine("missing"), error.Message);
        Assert.False(Directory.Exists(folder.Combine("missing")));
    }

    [Fact]
    public void RefusesAPathThatIsAFolder()
    {
        using var folder = new TempFolder();
        var data = Build(Array.Empty<HistoryRecord>());

        var error = Assert.Throws<PluginSyncException>(() => new HtmlReportWriter().WriteFile(data, folder.Path));

        Assert.Equal("ReportPathIsFolder", error.ErrorId);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    private static void AssertEmptyState(XDocument document)
    {
        Assert.DoesNotContain(document.Descendants("svg"), s => (string?)s.Attribute("class") == "chart-svg");
        var empty = WithClass(document, "p", "chart-empty").Select(p => (string)p.Attribute("data-chart")!).ToList();
        Assert.Equal(new[] { "runs", "durations" }, empty);
        Assert.Contains("No runs in this window.", WithClass(document, "td", "empty").Single().Value);
        Assert.Contains("No run failed", document.Descendants("section")
            .Single(s => (string?)s.Attribute("id") == "failures").Value);
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static double Height(XElement element) => Number(element, "height");

    private static int CountOf(string text, string part) =>
        text.Split(new[] { part }, StringSplitOptions.None).Length - 1;
}
