using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Storage;
using PluginSync.Engine.Tests.Support;
using PluginSync.Engine.Tests.TestPlugins;
using Xunit;

namespace PluginSync.Engine.Tests;

public sealed class ConfigurationServiceTests : IDisposable
{
    private readonly TestStore _test = new();

    public ConfigurationServiceTests() => _test.Add(new TypedSettingsPlugin());

    public void Dispose() => _test.Dispose();

    [Fact]
    public void ANewConfigurationStartsDisabled()
    {
        var configuration = _test.Configure("example", enabled: null);

        Assert.False(configuration.Enabled);
        Assert.False(_test.Store.Configurations.Find("example")!.Enabled);
    }

    [Fact]
    public void AChangeKeepsWhatItDoesNotName()
    {
        _test.ConfigureExample(apiKey: "k-value", batchSize: 10);

        _test.Configure("example", enabled: false);

        var stored = _test.Store.Configurations.Find("example")!;
        Assert.False(stored.Enabled);
        Assert.Equal(10L, stored.Settings["batch_size"]);
        Assert.Equal(new[] { "api_key" }, stored.CredentialKeys);
    }

    [Fact]
    public void KeepsTheCreationTimeAndMovesTheModificationTime()
    {
        var created = _test.ConfigureExample();

        var changed = _test.Configure("example", settings: new Dictionary<string, object?> { ["batch_size"] = 5 });

        var stored = _test.Store.Configurations.Find("example")!;
        Assert.Equal(created.Created, stored.Created, TimeSpan.FromMilliseconds(1));
        Assert.True(changed.Modified >= created.Modified);
    }

    [Fact]
    public void StoresTheConfigurationUnderThePluginsOwnName()
    {
        _test.Configure("EXAMPLE", enabled: false);

        Assert.Equal("example", _test.Store.Configurations.Find("Example")!.Name);
        Assert.Single(_test.Store.Configurations.All());
    }

    [Fact]
    public void ANullSettingReturnsItToItsDefault()
    {
        _test.ConfigureExample(batchSize: 10);

        _test.Configure("example", settings: new Dictionary<string, object?> { ["batch_size"] = null });

        Assert.Equal(100L, _test.Store.Configurations.Find("example")!.Settings["batch_size"]);
    }

    [Fact]
    public void ANewConfigurationStoresEveryDeclaredDefault()
    {
        _test.Configure("example", settings: new Dictionary<string, object?>());

        var settings = _test.Store.Configurations.Find("example")!.Settings;
        Assert.Equal(100L, settings["batch_size"]);
        Assert.Equal(0L, settings["delay_ms"]);
    }

    [Fact]
    public void ANullCredentialRemovesIt()
    {
        _test.ConfigureExample();

        _test.Configure("example", credentials: new Dictionary<string, string?> { ["api_key"] = null });

        Assert.Empty(_test.Store.Configurations.Find("example")!.CredentialKeys);
    }

    [Fact]
    public void SetEnabledFlipsTheFlagAndKeepsTheRest()
    {
        _test.ConfigureExample(batchSize: 7);

        _test.Configurations.SetEnabled("example", false);

        var stored = _test.Store.Configurations.Find("example")!;
        Assert.False(stored.Enabled);
        Assert.Equal(7L, stored.Settings["batch_size"]);
        Assert.Equal(new[] { "api_key" }, stored.CredentialKeys);
    }

    [Fact]
    public void SetEnabledWithoutAConfigurationIsConfigurationNotFound()
    {
        var error = Assert.Throws<PluginSyncException>(() => _test.Configurations.SetEnabled("example", true));

        Assert.Equal("ConfigurationNotFound", error.ErrorId);
        Assert.Equal(PluginSyncErrorKind.NotFound, error.Kind);
        Assert.Null(_test.Store.Configurations.Find("example"));
    }

    [Fact]
    public void RemoveDeletesTheConfiguration()
    {
        _test.ConfigureExample();

        _test.Configurations.Remove("example");

        Assert.Null(_test.Store.Configurations.Find("example"));
    }

    [Fact]
    public async Task RemoveKeepsTheHistory()
    {
        _test.ConfigureExample();
        await _test.RunAsync("example");

        _test.Configurations.Remove("example");

        Assert.Single(_test.AllHistory());
    }

    [Fact]
    public void RemoveWithoutAConfigurationIsConfigurationNotFound()
    {
        var error = Assert.Throws<PluginSyncException>(() => _test.Configurations.Remove("example"));

        Assert.Equal("ConfigurationNotFound", error.ErrorId);
    }

    [Fact]
    public void StoresEverySettingTypeAsItsDeclaredType()
    {
        var where = _test.Root.Combine("data");
        _test.Configure("typed", settings: new Dictionary<string, object?>
        {
            ["text"] = 42,
            ["count"] = "17",
            ["flag"] = "true",
            ["where"] = where,
            ["mode"] = "delta",
        });
        _test.Store.Dispose();

        using var reopened = SyncStore.Open(_test.Folder);
        var settings = reopened.Configurations.Find("typed")!.Settings;

        Assert.Equal("42", Assert.IsType<string>(settings["text"]));
        Assert.Equal(17L, Assert.IsType<long>(settings["count"]));
        Assert.True(Assert.IsType<bool>(settings["flag"]));
        Assert.Equal(where, Assert.IsType<string>(settings["where"]));
        Assert.Equal("delta", Assert.IsType<string>(settings["mode"]));
    }

    [Fact]
    public async Task APluginSeesEverySettingTypeAsItsDeclaredTypeWithDefaultsApplied()
    {
        var plugin = (TypedSettingsPlugin)_test.Registry.Find("typed")!.Plugin;
        _test.Configure("typed", settings: new Dictionary<string, object?> { ["count"] = 3, ["flag"] = false });

        var result = await _test.RunAsync("typed");

        Assert.True(result.Success, result.Error);
        Assert.Equal(3L, Assert.IsType<long>(plugin.SeenSettings!["count"]));
        Assert.False(Assert.IsType<bool>(plugin.SeenSettings["flag"]));
        Assert.Equal("full", plugin.SeenSettings["mode"]);
        Assert.Null(plugin.SeenSettings["text"]);
        Assert.Null(plugin.SeenSettings["where"]);
    }

    [Fact]
    public void ReadsDatesBackAsUtc()
    {
        _test.ConfigureExample();
        _test.Store.Dispose();

        using var reopened = SyncStore.Open(_test.Folder);
        var stored = reopened.Configurations.Find("example")!;

        Assert.Equal(DateTimeKind.Utc, stored.Created.Kind);
        Assert.Equal(DateTimeKind.Utc, stored.Modified.Kind);
        Assert.True((DateTime.UtcNow - stored.Modified).Duration() < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void AnUnknownPluginIsSyncPluginNotFoundAndListsTheKnownPlugins()
    {
        var error = Assert.Throws<PluginSyncException>(() => _test.Configure("nope"));

        Assert.Equal("SyncPluginNotFound", error.ErrorId);
        Assert.Equal(PluginSyncErrorKind.NotFound, error.Kind);
        Assert.Contains("'nope'", error.Message);
        Assert.Contains("example", error.Message);
        Assert.Empty(_test.Store.Configurations.All());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("-leading-dash")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("ünïcode")]
    public void AnInvalidPluginNameIsRefusedWithTheRuleAndChangesNothing(string name)
    {
        _test.ConfigureExample();
        var before = Describe();
        var bytes = StoreBytes();

        var error = Assert.Throws<PluginSyncException>(() => _test.Configure(name));

        Assert.Equal("InvalidPluginName", error.ErrorId);
        Assert.Equal(PluginSyncErrorKind.InvalidArgument, error.Kind);
        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains(Plugins.PluginName.Rule, error.Message);
        Assert.Equal(before, Describe());
        bytes.AssertSameAs(StoreBytes());
    }

    [Fact]
    public void ANullPluginNameIsRefusedWithTheRule()
    {
        var error = Assert.Throws<PluginSyncException>(
            () => _test.Configurations.Set(null!, new ConfigurationUpdate()));

        Assert.Equal("InvalidPluginName", error.ErrorId);
        Assert.Contains(Plugins.PluginName.Rule, error.Message);
    }

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData(1.5, "1.5")]
    [InlineData(0, "0")]
    [InlineData(true, "True")]
    [InlineData(10001L, "10001")]
    public void ASettingOfTheWrongValueIsRefusedWithWhatIsAcceptedAndChangesNothing(object value, string shown)
    {
        _test.ConfigureExample(batchSize: 50);
        var before = Describe();
        var bytes = StoreBytes();

        var error = Assert.Throws<PluginSyncException>(() =>
            _test.Configure("example", settings: new Dictionary<string, object?> { ["batch_size"] = value }));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
        Assert.Contains("'batch_size'", error.Message);
        Assert.Contains(shown, error.Message);
        Assert.Contains("whole number", error.Message);
        Assert.Equal(before, Describe());
        bytes.AssertSameAs(StoreBytes());
    }

    [Fact]
    public void ARefusedSettingAlsoDropsTheOtherChangesOfTheSameUpdate()
    {
        _test.ConfigureExample(apiKey: "old-value", batchSize: 50);
        _test.Configurations.SetEnabled("example", false);
        var before = Describe();

        Assert.Throws<PluginSyncException>(() => _test.Configure(
            "example",
            enabled: true,
            settings: new Dictionary<string, object?> { ["batch_size"] = "abc" },
            credentials: new Dictionary<string, string?> { ["api_key"] = "new-value" }));

        Assert.Equal(before, Describe());
    }

    [Fact]
    public void AnUnknownSettingIsRefusedWithTheAcceptedNamesAndChangesNothing()
    {
        _test.ConfigureExample();
        var before = Describe();
        var bytes = StoreBytes();

        var error = Assert.Throws<PluginSyncException>(() =>
            _test.Configure("example", settings: new Dictionary<string, object?> { ["batchsize"] = 5 }));

        Assert.Equal("SettingNameUnknown", error.ErrorId);
        Assert.Equal("batchsize", error.Target);
        Assert.Contains("'batchsize'", error.Message);
        Assert.Contains("batch_size (Integer)", error.Message);
        Assert.Equal(before, Describe());
        bytes.AssertSameAs(StoreBytes());
    }

    [Fact]
    public void AnUnknownCredentialIsRefusedWithTheAcceptedNamesAndChangesNothing()
    {
        _test.ConfigureExample();
        var before = Describe();
        var bytes = StoreBytes();

        var error = Assert.Throws<PluginSyncException>(() =>
            _test.Configure("example", credentials: new Dictionary<string, string?> { ["apikey"] = "x" }));

        Assert.Equal("CredentialNameUnknown", error.ErrorId);
        Assert.Contains("'apikey'", error.Message);
        Assert.Contains("api_key", error.Message);
        Assert.DoesNotContain("'x'", error.Message);
        Assert.Equal(before, Describe());
        bytes.AssertSameAs(StoreBytes());
    }

    [Fact]
    public void ACredentialForAPluginThatTakesNoneIsRefusedAndSaysSo()
    {
        var error = Assert.Throws<PluginSyncException>(() =>
            _test.Configure("folder", credentials: new Dictionary<string, string?> { ["token"] = "x" }));

        Assert.Equal("CredentialNameUnknown", error.ErrorId);
        Assert.Contains("takes no credentials", error.Message);
        Assert.Null(_test.Store.Configurations.Find("folder"));
    }

    [Fact]
    public void AnEmptyCredentialValueIsRefusedAndChangesNothing()
    {
        _test.ConfigureExample(apiKey: "old-value");
        var before = Describe();

        var error = Assert.Throws<PluginSyncException>(() =>
            _test.Configure("example", credentials: new Dictionary<string, string?> { ["api_key"] = "" }));

        Assert.Equal("CredentialValueEmpty", error.ErrorId);
        Assert.Contains("api_key", error.Message);
        Assert.Equal(before, Describe());
    }

    [Fact]
    public void ARelativePathSettingIsRefused()
    {
        var error = Assert.Throws<PluginSyncException>(() =>
            _test.Configure("folder", settings: new Dictionary<string, object?> { ["Source"] = "relative/source" }));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
        Assert.Contains("'Source'", error.Message);
        Assert.Contains("'relative/source'", error.Message);
        Assert.Contains("absolute", error.Message);
        Assert.Null(_test.Store.Configurations.Find("folder"));
    }

    [Theory]
    [InlineData("MaxAttempts", 0.0)]
    [InlineData("MaxAttempts", 11.0)]
    [InlineData("TimeoutSeconds", -1.0)]
    [InlineData("TimeoutSeconds", 86401.0)]
    [InlineData("RetryDelaySeconds", -1.0)]
    [InlineData("RetryDelaySeconds", 3601.0)]
    [InlineData("RetryDelaySeconds", double.NaN)]
    public void AnOutOfRangePolicyValueIsRefusedWithItsRangeAndChangesNothing(string what, double value)
    {
        _test.ConfigureExample();
        var before = Describe();
        var bytes = StoreBytes();
        var update = new ConfigurationUpdate { Enabled = false };
        switch (what)
        {
            case "MaxAttempts":
                update.MaxAttempts = (int)value;
                break;
            case "TimeoutSeconds":
                update.TimeoutSeconds = (int)value;
                break;
            default:
                update.RetryDelaySeconds = value;
                break;
        }

        var error = Assert.Throws<PluginSyncException>(() => _test.Configurations.Set("example", update));

        Assert.Equal("RunPolicyInvalid", error.ErrorId);
        Assert.Contains(what, error.Message);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.CurrentCulture), error.Message);
        Assert.Equal(before, Describe());
        bytes.AssertSameAs(StoreBytes());
    }

    [Fact]
    public void KeepsThePolicyAcrossReopeningAndATimeoutOfZeroRemovesIt()
    {
        _test.ConfigureExample();
        _test.Configurations.Set(
            "example", new ConfigurationUpdate { TimeoutSeconds = 90, MaxAttempts = 4, RetryDelaySeconds = 0.5 });
        _test.Store.Dispose();

        using (var reopened = SyncStore.Open(_test.Folder))
        {
            var policy = reopened.Configurations.Find("example")!.Policy;
            Assert.Equal((90, 4, 0.5), (policy.TimeoutSeconds, policy.MaxAttempts, policy.RetryDelaySeconds));
            new ConfigurationService(reopened, _test.Registry).Set(
                "example", new ConfigurationUpdate { TimeoutSeconds = 0 });
            Assert.Null(reopened.Configurations.Find("example")!.Policy.TimeoutSeconds);
            Assert.Equal(4, reopened.Configurations.Find("example")!.Policy.MaxAttempts);
        }
    }

    [Fact]
    public void FindProblemsIsEmptyForARunnableConfiguration()
    {
        var configuration = _test.ConfigureExample();

        Assert.Empty(ConfigurationService.FindProblems(_test.Registry.Find("example")!.Plugin, configuration));
    }

    [Fact]
    public void FindProblemsNamesEveryMissingRequiredValue()
    {
        var configuration = _test.Configure("folder");

        var problems = ConfigurationService.FindProblems(_test.Registry.Find("folder")!.Plugin, configuration);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("'Source'"));
        Assert.Contains(problems, p => p.Contains("'Destination'"));
    }

    /// <summary>Everything a reader of the store can see of every configuration, as one comparable text.</summary>
    private string Describe() =>
        string.Join("\n", _test.Store.Configurations.All().Select(c =>
            $"{c.Name} enabled={c.Enabled} created={c.Created:O} modified={c.Modified:O} " +
            $"settings=[{Pairs(c.Settings)}] credentials=[{Pairs(c.ProtectedCredentials)}] policy=[{c.Policy}]"));

    private static string Pairs<T>(IReadOnlyDictionary<string, T> values) =>
        string.Join(",", values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private FolderSnapshot StoreBytes() => FolderSnapshot.Take(_test.Folder);

    [Theory]
    [InlineData("abc")]
    [InlineData("      ")]
    public void ARefusedShortOrBlankCredentialIsNamedButNeverQuoted(string value)
    {
        _test.ConfigureExample(apiKey: "first-value");

        var error = Assert.Throws<PluginSyncException>(() => _test.Configure(
            "example", credentials: new Dictionary<string, string?> { ["api_key"] = value }));

        Assert.Equal("CredentialValueTooShort", error.ErrorId);
        Assert.Contains("api_key", error.Message);
        if (value.Trim().Length > 0)
        {
            Assert.DoesNotContain(value, error.Message);
        }
    }
}
