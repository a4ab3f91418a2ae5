using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Execution;
using PluginSync.Engine.History;
using PluginSync.Engine.Plugins;
using PluginSync.Engine.Plugins.BuiltIn;
using PluginSync.Engine.Plugins.BuiltIn.Rest;
using PluginSync.Engine.Secrets;
using PluginSync.Engine.Tests.Support;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>
/// The built-in <c>rest</c> plugin, run through the engine against a real HTTP server on the loopback address.
/// </summary>
public sealed class RestPluginTests : IDisposable
{
    private const string Token = "PLANTED-rest-token-5d2a";
    private const string ApiKey = "PLANTED-rest-key-8b7c";

    private readonly TestStore _test = new();
    private readonly LoopbackHttpServer _server = LoopbackHttpServer.Start();
    private readonly string _destination;

    public RestPluginTests()
    {
        _destination = _test.Root.Combine("records");
    }

    public void Dispose()
    {
        _server.Dispose();
        _test.Dispose();
    }

    [Fact]
    public void IsRegisteredAsBuiltInWithOptionalCredentialsAndItsSettings()
    {
        var descriptor = _test.Registry.Find("rest")!;
        var plugin = descriptor.Plugin;

        Assert.Equal(PluginKind.BuiltIn, descriptor.Kind);
        Assert.IsAssignableFrom<ISyncPluginCheck>(plugin);
        Assert.Equal(new[] { "token", "api_key" }, plugin.Credentials.Select(c => c.Name));
        Assert.All(plugin.Credentials, c => Assert.False(c.Required));
        Assert.Equal(
            new[]
            {
                "Url", "Destination", "Auth", "ApiKeyHeader", "RecordsPath", "KeyField", "Paging",
                "NextLinkField", "PageParameter", "MaxPages", "CursorField", "CursorParameter",
            },
            plugin.Settings.Select(s => s.Name));
        Assert.All(plugin.Settings, s => Assert.NotEmpty(s.Description));
        var settings = plugin.Settings.ToDictionary(s => s.Name);
        Assert.True(settings["Url"].Required);
        Assert.Equal(SettingType.Path, settings["Destination"].Type);
        Assert.Equal(new object[] { "None", "Bearer", "ApiKey" }, settings["Auth"].AllowedValues);
        Assert.Equal(new object[] { "None", "NextLink", "Page" }, settings["Paging"].AllowedValues);
        Assert.Equal(1000L, settings["MaxPages"].DefaultValue);
        Assert.Equal(1L, settings["MaxPages"].Minimum);
        Assert.DoesNotContain("TimeoutSeconds", settings.Keys);
    }

    [Theory]
    [InlineData("{\"items\": [{\"id\": 4}, {\"id\": 5}]}")]
    [InlineData("{\"items\": [{\"id\": 4}, {\"id\": 5}], \"next\": null}")]
    [InlineData("{\"items\": [{\"id\": 4}, {\"id\": 5}], \"next\": \"\"}")]
    public async Task PagesByNextLinkFollowingRelativeAndAbsoluteLinks(string lastPage)
    {
        var relative = "items-2?part=b";
        var absolute = _server.Url("/api/items-3");
        _server.Map("/api/items", _ => Json(new { items = new[] { Record(1), Record(2) }, next = relative }));
        _server.Map("/api/items-2", _ => Json(new { items = new[] { Record(3) }, next = absolute }));
        _server.Map("/api/items-3", _ => LoopbackResponse.Raw(lastPage));
        Configure("/api/items", new() { ["RecordsPath"] = "items", ["Paging"] = "NextLink" });
        var sink = new RecordingEventSink();

        var result = await RunAsync(sink);

        Assert.True(result.Success, result.Error);
        Assert.Equal((5L, 5L, 0L, 0L, 0L), Counts(result));
        Assert.Equal(3, result.Data["Pages"]);
        Assert.Equal(new[] { "/api/items", "/api/items-2", "/api/items-3" }, _server.Requests.Select(r => r.Path));
        Assert.Equal("b", _server.Requests[1].QueryValue("part"));
        Assert.Equal(new[] { "1.json", "2.json", "3.json", "4.json", "5.json" }, FileNames());
        var pageLines = sink.Logs.Count(
            l => l.Level == SyncLogLevel.Verbose && l.Message.StartsWith("Fetched page", StringComparison.Ordinal));
        Assert.Equal(3, pageLines);
        Assert.Contains(sink.Logs, l => l.Message.Contains(_server.Url("/api/items-3")));
        Assert.Equal(3, sink.ProgressReports.Count(p => p.Plugin == "rest"));
    }

    [Fact]
    public async Task PagesByPageParameterAndStopsAtTheFirstEmptyPage()
    {
        _server.Map("/items", request => request.QueryValue("page") switch
        {
            "1" => Json(new[] { Record(1), Record(2) }),
            "2" => Json(new[] { Record(3) }),
            "3" => Json(Array.Empty<object>()),
            _ => Json(new[] { Record(99) }),
        });
        Configure("/items?page=7&size=2", new() { ["Paging"] = "Page" });

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        Assert.Equal((3L, 3L, 0L, 0L, 0L), Counts(result));
        Assert.Equal(new[] { "1", "2", "3" }, _server.Requests.Select(r => r.QueryValue("page")));
        Assert.All(_server.Requests, r => Assert.Equal("2", r.QueryValue("size")));
        Assert.Equal(new[] { "1.json", "2.json", "3.json" }, FileNames());
    }

    [Fact]
    public async Task SendsTheBearerTokenWithJsonAcceptedAndItsUserAgent()
    {
        _server.Map("/items", _ => Json(new[] { Record(1) }));
        Configure("/items", new() { ["Auth"] = "Bearer" }, new() { ["token"] = Token });

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"Bearer {Token}", request.Header("Authorization"));
        Assert.Contains("application/json", request.Header("Accept"));
        Assert.Equal("PluginSync-rest/1.0", request.Header("User-Agent"));
        Assert.Null(request.Header("X-Api-Key"));
    }

    [Fact]
    public async Task SendsTheApiKeyInTheHeaderNamedByApiKeyHeader()
    {
        _server.Map("/items", _ => Json(new[] { Record(1) }));
        Configure(
            "/items",
            new() { ["Auth"] = "ApiKey", ["ApiKeyHeader"] = "X-Custom-Key" },
            new() { ["api_key"] = ApiKey, ["token"] = Token });

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(ApiKey, request.Header("X-Custom-Key"));
        Assert.Null(request.Header("X-Api-Key"));
        Assert.Null(request.Header("Authorization"));
    }

    [Theory]
    [InlineData("Bearer", "token")]
    [InlineData("ApiKey", "api_key")]
    public async Task AMissingCredentialForTheAuthFailsTheRunNamingItWithoutARequest(string auth, string credential)
    {
        _server.Map("/items", _ => Json(new[] { Record(1) }));
        Configure("/items", new() { ["Auth"] = auth });

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains($"credential '{credential}'", result.Error);
        Assert.Contains("Set-PluginConfiguration -Name rest -Secret", result.Error);
        Assert.False((bool)result.Data[RestRun.RetryableKey]!);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(401, "Unauthorized", "Bearer", "token")]
    [InlineData(403, "Forbidden", "ApiKey", "api_key")]
    public async Task ARefusedCredentialFailsTheRunWithAMessageNamingTheCredential(
        int status, string reason, string auth, string credential)
    {
        _server.Map("/items", _ => LoopbackResponse.Status(status, "no entry"));
        Configure("/items", new() { ["Auth"] = auth }, new() { ["token"] = Token, ["api_key"] = ApiKey });

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Equal(SyncStatus.Failed, result.Status);
        Assert.Contains($"the API refused the credential '{credential}' ({status} {reason})", result.Error,
            StringComparison.OrdinalIgnoreCase);
        Assert.Contains(_server.Url("/items"), result.Error);
        Assert.False((bool)result.Data[RestRun.RetryableKey]!);
        Assert.Contains($"'{credential}'", History(result).ErrorMessage);
    }

    [Fact]
    public async Task A401IsNotRetried()
    {
        // Sending the same refused credential again cannot succeed, so the one attempt is the only one.
        _server.Map("/items", _ => LoopbackResponse.Status(401, "invalid token"));
        Configure("/items", new() { ["Auth"] = "Bearer" }, new() { ["token"] = Token });
        ConfigureRetries(maxAttempts: 3);

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Equal(1, History(result).Attempts);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A500IsRetriedAndThenSucceeds()
    {
        var calls = 0;
        _server.Map("/items", _ => Interlocked.Increment(ref calls) == 1
            ? LoopbackResponse.Status(500, "try again")
            : Json(new[] { Record(1), Record(2) }));
        Configure("/items");
        ConfigureRetries(maxAttempts: 2);
        var sink = new RecordingEventSink();

        var result = await RunAsync(sink);

        Assert.True(result.Success, result.Error);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, History(result).Attempts);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal((2L, 2L, 0L, 0L, 0L), Counts(result));
        Assert.Contains(sink.Logs, l => l.Level == SyncLogLevel.Warning && l.Message.Contains("500"));
    }

    [Fact]
    public async Task A500WithoutRetriesFailsTheRunNamingTheStatusAndPage()
    {
        _server.Map("/items", _ => LoopbackResponse.Status(500, "broken"));
        Configure("/items");

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains("500 Internal Server Error", result.Error);
        Assert.Contains($"page 1 ({_server.Url("/items")})", result.Error);
        Assert.True((bool)result.Data[RestRun.RetryableKey]!);
    }

    [Fact]
    public async Task ASlowServerHitsTheRunsTimeout()
    {
        _server.Map("/items", async (_, stopping) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5), stopping);
            return Json(new[] { Record(1) });
        });
        Configure("/items");
        _test.Configurations.Set("rest", new ConfigurationUpdate { TimeoutSeconds = 1 });
        var watch = Stopwatch.StartNew();

        var result = await RunAsync().WaitAsync(TimeSpan.FromSeconds(10));

        watch.Stop();
        Assert.Equal(SyncErrorType.TimedOut, result.ErrorType);
        Assert.Equal(SyncStatus.TimedOut, History(result).Status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"The run took {watch.Elapsed}.");
        Assert.Empty(FileNames());
    }

    [Fact]
    public async Task MalformedJsonFailsTheRunNamingThePageAndTheProblem()
    {
        _server.Map("/items", _ => Json(new { items = new[] { Record(1) }, next = "/items-2" }));
        _server.Map("/items-2", _ => LoopbackResponse.Raw("{\"items\": [ {\"id\": 2}, "));
        Configure("/items", new() { ["RecordsPath"] = "items", ["Paging"] = "NextLink" });

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains($"page 2 ({_server.Url("/items-2")})", result.Error);
        Assert.Contains("is not valid JSON", result.Error);
    }

    [Theory]
    [InlineData("items", "{\"items\": {\"id\": 1}}", "is an object, not an array of records")]
    [InlineData("items", "{\"data\": []}", "has no property 'items'")]
    [InlineData("items", "[{\"id\": 1}]", "is an array, not an object with the property 'items'")]
    [InlineData("", "{\"items\": []}", "is an object, not an array of records")]
    public async Task RecordsThatAreNotAnArrayFailTheRunWithAClearMessage(
        string recordsPath, string body, string expected)
    {
        _server.Map("/items", _ => LoopbackResponse.Raw(body));
        Configure("/items", new() { ["RecordsPath"] = recordsPath });

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains(expected, result.Error);
        Assert.Contains($"page 1 ({_server.Url("/items")})", result.Error);
    }

    [Fact]
    public async Task ARecordWithoutTheKeyFieldFailsTheRunNamingTheRecordAndPage()
    {
        _server.Map("/items", _ => LoopbackResponse.Raw("[{\"id\": 1}, {\"name\": \"no key\"}, {\"id\": 3}]"));
        Configure("/items");

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains($"record 2 on page 1 ({_server.Url("/items")}) has no key field 'id'", result.Error);
        Assert.Equal((3L, 2L, 0L, 0L, 1L), Counts(result));
    }

    [Fact]
    public async Task AnEmptyResultSucceedsWithEveryCounterZero()
    {
        _server.Map("/items", _ => Json(Array.Empty<object>()));
        Configure("/items");

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        Assert.Equal((0L, 0L, 0L, 0L, 0L), Counts(result));
        Assert.Equal(0L, result.Deleted);
        Assert.True(Directory.Exists(_destination));
        Assert.Empty(FileNames());
    }

    [Fact]
    public async Task CountsCreatedUpdatedAndUnchangedRecordsExactlyAcrossTwoRuns()
    {
        object[] records = { Record(1, "one"), Record(2, "two"), Record(3, "three") };
        _server.Map("/items", _ => Json(records));
        Configure("/items");

        var first = await RunAsync();
        records = new[] { Record(1, "one"), Record(2, "two, changed"), Record(3, "three"), Record(4, "four") };
        var second = await RunAsync();

        Assert.True(second.Success, second.Error);
        Assert.Equal((3L, 3L, 0L, 0L, 0L), Counts(first));
        Assert.Equal((4L, 1L, 1L, 2L, 0L), Counts(second));
        Assert.Contains("two, changed", File.ReadAllText(Path.Combine(_destination, "2.json")));
        Assert.Equal(new[] { "1.json", "2.json", "3.json", "4.json" }, FileNames());
    }

    [Fact]
    public async Task ARecordWhosePropertiesComeInAnotherOrderIsUnchanged()
    {
        var body = "[{\"id\": 1, \"name\": \"one\", \"tags\": {\"b\": 2, \"a\": 1}}]";
        _server.Map("/items", _ => LoopbackResponse.Raw(body));
        Configure("/items");

        await RunAsync();
        var before = File.ReadAllBytes(Path.Combine(_destination, "1.json"));
        body = "[{\"tags\": {\"a\": 1, \"b\": 2}, \"name\": \"one\", \"id\": 1}]";
        var second = await RunAsync();

        Assert.Equal((1L, 0L, 0L, 1L, 0L), Counts(second));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_destination, "1.json")));
    }

    [Fact]
    public async Task IncrementalRunsSendTheGreatestCursorValueOfTheLastRun()
    {
        _server.Map("/items", request => request.QueryValue("since") is null
            ? LoopbackResponse.Raw("[{\"id\": 1, \"seq\": 9}, {\"id\": 2, \"seq\": 10}, {\"id\": 3, \"seq\": 2}]")
            : LoopbackResponse.Raw("[{\"id\": 4, \"seq\": 12}]"));
        Configure("/items", new() { ["CursorField"] = "seq" });

        var first = await RunAsync();
        var stateAfterFirst = _test.Store.States.Get("rest");
        var second = await RunAsync();

        Assert.True(first.Success, first.Error);
        Assert.True(second.Success, second.Error);
        Assert.Equal("10", stateAfterFirst);
        Assert.Null(_server.Requests[0].QueryValue("since"));
        Assert.Equal("10", _server.Requests[1].QueryValue("since"));
        Assert.Equal("12", _test.Store.States.Get("rest"));
        Assert.Equal((1L, 1L), (second.Processed, second.Created));
    }

    [Fact]
    public async Task AFailedRunDoesNotMoveTheCursor()
    {
        var failSecondPage = false;
        _server.Map("/items", _ => failSecondPage
            ? Json(new { items = new[] { new { id = 2, at = "2024-05-02T00:00:00Z" } }, next = "/more" })
            : Json(new { items = new[] { new { id = 1, at = "2024-05-01T00:00:00Z" } } }));
        _server.Map("/more", _ => LoopbackResponse.Status(500, "down"));
        Configure(
            "/items",
            new() { ["CursorField"] = "at", ["CursorParameter"] = "changed_after", ["RecordsPath"] = "items",
                    ["Paging"] = "NextLink" });

        var first = await RunAsync();
        failSecondPage = true;
        var failed = await RunAsync();
        var third = await RunAsync();

        Assert.True(first.Success, first.Error);
        Assert.Equal(SyncErrorType.ExecutionError, failed.ErrorType);
        Assert.Equal(SyncErrorType.ExecutionError, third.ErrorType);
        Assert.Equal("2024-05-01T00:00:00Z", _test.Store.States.Get("rest"));
        var firstPages = _server.RequestsTo("/items");
        Assert.Equal(new[] { null, "2024-05-01T00:00:00Z", "2024-05-01T00:00:00Z" },
            firstPages.Select(r => r.QueryValue("changed_after")));
    }

    [Theory]
    [InlineData("10", "9", 1)]
    [InlineData("1.5", "1.25", 1)]
    [InlineData("-3", "2", -1)]
    [InlineData("007", "7", 0)]
    [InlineData("2024-05-02T00:00:00Z", "2024-05-01T23:59:59Z", 1)]
    [InlineData("b", "a", 1)]
    [InlineData("10", "abc", -1)]
    public void CursorValuesCompareAsNumbersWhenBothAreNumbersAndOrdinallyOtherwise(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(CursorTracker.Compare(a, b)));
    }

    [Fact]
    public async Task WritesOneIndentedFilePerKeyWithASanitizedName()
    {
        _server.Map("/items", _ => LoopbackResponse.Raw(
            "[{\"id\": \"a/b\"}, {\"id\": \"hello world\"}, {\"id\": \"x.y-z_1\"}, {\"id\": 42}, " +
            "{\"id\": \"\\u00fcn\\u00ef\"}, {\"id\": \"con\"}, {\"id\": \"..\\\\up\"}]"));
        Configure("/items");

        var result = await RunAsync();

        Assert.True(result.Success, result.Error);
        var expected = new[]
        {
            ".._up.json", "42.json", "_con.json", "_n_.json", "a_b.json", "hello_world.json", "x.y-z_1.json",
        };
        Assert.Equal(expected, FileNames());
        Assert.Empty(Directory.GetDirectories(_destination));
        var text = File.ReadAllText(Path.Combine(_destination, "42.json"));
        var newLine = Environment.NewLine;
        Assert.Equal("{" + newLine + "  \"id\": 42" + newLine + "}" + newLine, text);
        Assert.Equal("ünï", ReadRecord("_n_.json").GetProperty("id").GetString());
    }

    [Fact]
    public async Task KeysThatCannotNameAFileAreRefusedAndTheOtherRecordsWritten()
    {
        _server.Map("/items", _ => LoopbackResponse.Raw(
            "[{\"id\": \".\"}, {\"id\": \"..\"}, {\"id\": \"\"}, {\"id\": null}, {\"id\": true}, " +
            "{\"id\": \"ok\"}]"));
        Configure("/items");

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Equal((6L, 1L, 0L, 0L, 5L), Counts(result));
        Assert.Contains("5 of 6 records could not be synced", result.Error);
        Assert.Contains("The key '.' of the record 1", result.Error);
        Assert.Equal(new[] { "ok.json" }, FileNames());
    }

    [Fact]
    public async Task TwoKeysThatBecomeTheSameFileNameAreRefused()
    {
        _server.Map("/items", _ => Json(new[] { new { id = "a/b", n = 1 }, new { id = "a?b", n = 2 } }));
        Configure("/items");

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains("both become the file 'a_b.json'", result.Error);
        Assert.Equal(1, ReadRecord("a_b.json").GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task ANextLinkToAnotherAddressIsNotFollowedWithTheCredential()
    {
        var elsewhere = $"http://localhost:{_server.BaseUri.Port}/items-2";
        _server.Map("/items", _ => Json(new { items = new[] { Record(1) }, next = elsewhere }));
        Configure(
            "/items",
            new() { ["Auth"] = "Bearer", ["RecordsPath"] = "items", ["Paging"] = "NextLink" },
            new() { ["token"] = Token });

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains("another address", result.Error);
        Assert.False((bool)result.Data[RestRun.RetryableKey]!);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task ARedirectIsNotFollowed()
    {
        _server.Map("/items", _ => LoopbackResponse.Redirect(_server.Url("/moved")));
        _server.Map("/moved", _ => Json(new[] { Record(1) }));
        Configure("/items", new() { ["Auth"] = "Bearer" }, new() { ["token"] = Token });

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains($"a redirect to '{_server.Url("/moved")}'", result.Error);
        Assert.Equal(new[] { "/items" }, _server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task ReachingMaxPagesFailsTheRun()
    {
        _server.Map("/items", request =>
        {
            var n = int.Parse(request.QueryValue("n") ?? "1");
            return Json(new { items = new[] { Record(n) }, next = $"/items?n={n + 1}" });
        });
        Configure("/items", new() { ["RecordsPath"] = "items", ["Paging"] = "NextLink", ["MaxPages"] = 3 });

        var result = await RunAsync();

        Assert.Equal(SyncErrorType.ExecutionError, result.ErrorType);
        Assert.Contains("'MaxPages'", result.Error);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Null(_test.Store.States.Get("rest"));
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("ApiKey")]
    public async Task CredentialValuesNeverAppearInHistoryResultsOrFiles(string auth)
    {
        var refuse = false;
        _server.Map("/items", _ => refuse
            ? LoopbackResponse.Status(401, $"the credential {Token} {ApiKey} is refused")
            : Json(new[] { Record(1), Record(2) }));
        Configure(
            "/items",
            new() { ["Auth"] = auth, ["CursorField"] = "id" },
            new() { ["token"] = Token, ["api_key"] = ApiKey });
        var sink = new RecordingEventSink();

        var succeeded = await RunAsync(sink);
        refuse = true;
        var failed = await RunAsync(sink);

        Assert.True(succeeded.Success, succeeded.Error);
        Assert.False(failed.Success);
        foreach (var result in new[] { succeeded, failed })
        {
            AssertNoCredential(TextOf(result));
            AssertNoCredential(new[] { History(result).ErrorMessage });
        }

        AssertNoCredential(sink.AllText);
        AssertNoCredential(new[] { _test.Store.States.Get("rest") });
        var files = Directory.GetFiles(_destination, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        AssertNoCredential(files.Select(File.ReadAllText));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(401)]
    [InlineData(500)]
    public async Task ThePluginItselfPutsNoCredentialInItsOutcomeLogsOrState(int status)
    {
        // Run without the engine, so that its masking cannot hide a leak in the plugin.
        _server.Map("/items", _ => status == 200
            ? Json(new[] { Record(1) })
            : LoopbackResponse.Status(status, $"echo {Token}"));
        Configure("/items", new() { ["Auth"] = "Bearer", ["CursorField"] = "id" }, new() { ["token"] = Token });
        var sink = new RecordingEventSink();
        var context = DirectContext(sink, new Dictionary<string, string> { ["token"] = Token });

        var outcome = await Plugin.SyncAsync(context, default);

        Assert.Equal(status == 200, outcome.Success);
        AssertNoCredential(new[] { outcome.Message, context.NewState });
        AssertNoCredential(outcome.Data.SelectMany(p => new[] { p.Key, p.Value?.ToString() }));
        AssertNoCredential(sink.AllText);
    }

    [Fact]
    public async Task TheConnectionCheckPassesWhenTheSourceAnswersAndTheDestinationTakesFiles()
    {
        _server.Map("/items", _ => Json(Array.Empty<object>()));
        var destination = Path.Combine(_destination, "deeper");
        Configure(
            "/items", new() { ["Auth"] = "Bearer", ["Destination"] = destination }, new() { ["token"] = Token });

        var results = await CheckAsync();

        Assert.All(results, r => Assert.True(r.Passed, $"{r.Check}: {r.Message}"));
        var pluginChecks = results.TakeLast(2).Select(r => r.Check);
        Assert.Equal(new[] { "Source reachable", "Destination writable" }, pluginChecks);
        Assert.Contains("200", results.Single(r => r.Check == "Source reachable").Message);
        Assert.Equal($"Bearer {Token}", Assert.Single(_server.Requests).Header("Authorization"));
        Assert.False(Directory.Exists(_destination), "The check left the folders it created.");
    }

    [Theory]
    [InlineData(503, "503")]
    [InlineData(404, "404")]
    [InlineData(401, "the credential 'token'")]
    public async Task TheSourceCheckFailsWithTheStatus(int status, string expected)
    {
        _server.Map("/items", _ => LoopbackResponse.Status(status));
        Configure("/items", new() { ["Auth"] = "Bearer" }, new() { ["token"] = Token });

        var results = await CheckAsync();

        var source = results.Single(r => r.Check == "Source reachable");
        Assert.False(source.Passed);
        Assert.Contains(expected, source.Message);
        Assert.True(results.Single(r => r.Check == "Destination writable").Passed);
    }

    [Fact]
    public async Task TheSourceCheckFailsWhenNothingAnswers()
    {
        string url;
        using (var stopped = LoopbackHttpServer.Start())
        {
            url = stopped.Url("/items");
        }

        Configure("/items", new() { ["Url"] = url });

        var results = await CheckAsync();

        var source = results.Single(r => r.Check == "Source reachable");
        Assert.False(source.Passed);
        Assert.Contains("Could not fetch", source.Message);
    }

    [Fact]
    public async Task TheDestinationCheckFailsWhenTheDestinationIsAFile()
    {
        _server.Map("/items", _ => Json(Array.Empty<object>()));
        var file = _test.Root.WriteFile("not-a-folder", "x");
        Configure("/items", new() { ["Destination"] = file });

        var results = await CheckAsync();

        var destination = results.Single(r => r.Check == "Destination writable");
        Assert.False(destination.Passed);
        Assert.Contains(file, destination.Message);
        Assert.True(results.Single(r => r.Check == "Source reachable").Passed);
    }

    private RestPlugin Plugin => (RestPlugin)_test.Registry.Find("rest")!.Plugin;

    private static object Record(int id, string? name = null) => new { id, name = name ?? $"record {id}" };

    private static LoopbackResponse Json(object value) => LoopbackResponse.Json(value);

    private static (long, long, long, long, long) Counts(SyncResult r) =>
        (r.Processed, r.Created, r.Updated, r.Skipped, r.Failed);

    private void Configure(
        string path,
        Dictionary<string, object?>? settings = null,
        Dictionary<string, string?>? credentials = null)
    {
        var all = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Url"] = _server.Url(path),
            ["Destination"] = _destination,
        };
        foreach (var pair in settings ?? new Dictionary<string, object?>())
        {
            all[pair.Key] = pair.Value;
        }

        _test.Configure("rest", true, all, credentials);
    }

    private void ConfigureRetries(int maxAttempts) =>
        _test.Configurations.Set(
            "rest", new ConfigurationUpdate { MaxAttempts = maxAttempts, RetryDelaySeconds = 0 });

    private Task<SyncResult> RunAsync(RecordingEventSink? sink = null) => _test.RunAsync("rest", sink);

    private HistoryRecord History(SyncResult result) => _test.Store.History.Get(result.SyncHistoryId!.Value)!;

    /// <summary>A context with the stored settings and no secret masking, as the engine would build it.</summary>
    private SyncContext DirectContext(RecordingEventSink sink, Dictionary<string, string> credentials)
    {
        var configuration = _test.Store.Configurations.Find("rest")!;
        var settings = ConfigurationService.EffectiveSettings(Plugin, configuration);
        return new SyncContext("rest", 1, credentials, settings, null, sink, SecretMasker.None);
    }

    /// <summary>The checks Test-PluginConfiguration makes: the engine's own, then the plugin's.</summary>
    private Task<IReadOnlyList<PluginCheckResult>> CheckAsync() =>
        new ConfigurationChecker(_test.Store, _test.Registry).CheckAsync("rest", default);

    private IReadOnlyList<string> FileNames() =>
        Directory.Exists(_destination)
            ? Directory.GetFiles(_destination)
                .Select(f => Path.GetFileName(f)!)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList()
            : Array.Empty<string>();

    private JsonElement ReadRecord(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(_destination, fileName)));
        return document.RootElement.Clone();
    }

    private static void AssertNoCredential(IEnumerable<string?> texts)
    {
        foreach (var text in texts.Where(t => t is not null))
        {
            Assert.DoesNotContain(Token, text);
            Assert.DoesNotContain(ApiKey, text);
        }
    }

    /// <summary>Every piece of text a result carries, including every value in its data, however nested.</summary>
    private static IEnumerable<string?> TextOf(SyncResult result)
    {
        var texts = new List<string?> { result.Error, result.Message, result.ToString() };
        foreach (var pair in result.Data)
        {
            texts.Add(pair.Key);
            texts.AddRange(Flatten(pair.Value));
        }

        return texts;
    }

    private static IEnumerable<string?> Flatten(object? value) => value switch
    {
        null or string => new[] { (string?)value },
        IEnumerable items => items.Cast<object?>().SelectMany(Flatten),
        _ => new[] { value.ToString() },
    };
}
