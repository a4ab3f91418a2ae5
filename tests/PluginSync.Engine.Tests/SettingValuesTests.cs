using System;
using System.Linq;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;
using Xunit;

namespace PluginSync.Engine.Tests;

/// <summary>How a value given for a setting is converted to the setting's declared type.</summary>
public sealed class SettingValuesTests
{
    private static readonly PluginSetting Integer = new("count", SettingType.Integer);
    private static readonly PluginSetting Boolean = new("flag", SettingType.Boolean);
    private static readonly PluginSetting Text = new("text", SettingType.String);
    private static readonly PluginSetting FolderPath = new("where", SettingType.Path);

    public static TheoryData<object, long> IntegersAccepted => new()
    {
        { 100L, 100L },
        { 100, 100L },
        { (short)7, 7L },
        { (byte)255, 255L },
        { (sbyte)-4, -4L },
        { 42u, 42L },
        { 42ul, 42L },
        { "100", 100L },
        { " 42 ", 42L },
        { "+7", 7L },
        { "-3", -3L },
        { "9223372036854775807", long.MaxValue },
        { 2.0, 2L },
        { 3.0f, 3L },
        { 4m, 4L },
    };

    public static TheoryData<object> IntegersRefused => new()
    {
        "abc",
        "",
        "1.5",
        "1e3",
        "0x10",
        "9223372036854775808",
        1.5,
        0.1f,
        2.5m,
        true,
        false,
        'c',
        ulong.MaxValue,
        new object(),
        new[] { 1 },
    };

    public static TheoryData<object> IntegersOutsideWhatADecimalHolds => new()
    {
        1e30,
        -1e30,
        double.NaN,
        double.PositiveInfinity,
        float.NegativeInfinity,
    };

    [Theory]
    [MemberData(nameof(IntegersAccepted))]
    public void ConvertsIntegersToLong(object value, long expected)
    {
        var converted = SettingValues.Convert("plugin", Integer, value);

        Assert.Equal(expected, Assert.IsType<long>(converted));
    }

    [Theory]
    [MemberData(nameof(IntegersRefused))]
    public void RefusesWhatIsNotAnExactInteger(object value)
    {
        var error = Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", Integer, value));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
        Assert.Equal(PluginSyncErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("count", error.Target);
        Assert.Contains("'count'", error.Message);
        Assert.Contains("'plugin'", error.Message);
        Assert.Contains(SettingValues.Expected(SettingType.Integer), error.Message);
    }

    [Theory]
    [MemberData(nameof(IntegersOutsideWhatADecimalHolds))]
    public void RefusesHugeAndNonFiniteNumbersAsAnInvalidSetting(object value)
    {
        var error = Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", Integer, value));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
    }

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData(1.5, "1.5 (Double)")]
    [InlineData(true, "True (Boolean)")]
    public void TheMessageShowsTheRefusedValue(object value, string shown)
    {
        var error = Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", Integer, value));

        Assert.Contains(shown, error.Message);
    }

    [Theory]
    [InlineData(0L, "from 1 to 10")]
    [InlineData(11L, "from 1 to 10")]
    [InlineData("0", "from 1 to 10")]
    public void RefusesAnIntegerOutsideItsRangeAndNamesTheRange(object value, string range)
    {
        var setting = new PluginSetting("size", SettingType.Integer, minimum: 1, maximum: 10);

        var error = Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", setting, value));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
        Assert.Contains(range, error.Message);
    }

    [Fact]
    public void AcceptsTheEdgesOfTheRange()
    {
        var setting = new PluginSetting("size", SettingType.Integer, minimum: 1, maximum: 10);

        Assert.Equal(1L, SettingValues.Convert("plugin", setting, 1));
        Assert.Equal(10L, SettingValues.Convert("plugin", setting, "10"));
    }

    [Theory]
    [InlineData(-1L, "of at least 0")]
    [InlineData(6L, "of at most 5")]
    public void NamesAOneSidedRange(long value, string range)
    {
        var atLeast = new PluginSetting("size", SettingType.Integer, minimum: 0);
        var atMost = new PluginSetting("size", SettingType.Integer, maximum: 5);
        var setting = value < 0 ? atLeast : atMost;

        var error = Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", setting, value));

        Assert.Contains(range, error.Message);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData(" TRUE ", true)]
    public void ConvertsBooleans(object value, bool expected)
    {
        Assert.Equal(expected, Assert.IsType<bool>(SettingValues.Convert("plugin", Boolean, value)));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(1)]
    [InlineData(0L)]
    [InlineData(1.0)]
    public void RefusesWhatIsNotABoolean(object value)
    {
        var error = Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", Boolean, value));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
        Assert.Contains("$true or $false", error.Message);
    }

    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("", "")]
    [InlineData(5, "5")]
    [InlineData(-12L, "-12")]
    [InlineData(true, "True")]
    [InlineData('c', "c")]
    public void ConvertsTextAndExactValuesToString(object value, string expected)
    {
        Assert.Equal(expected, Assert.IsType<string>(SettingValues.Convert("plugin", Text, value)));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(2.0f)]
    public void RefusesFractionalNumbersForText(object value)
    {
        var error = Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", Text, value));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
    }

    [Fact]
    public void AcceptsAnAbsolutePath()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "somewhere");

        Assert.Equal(path, Assert.IsType<string>(SettingValues.Convert("plugin", FolderPath, path)));
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(5)]
    [InlineData(true)]
    public void RefusesWhatIsNotAnAbsolutePath(object value)
    {
        var error = Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", FolderPath, value));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
        Assert.Contains("an absolute file or folder path", error.Message);
    }

    [Fact]
    public void RefusesAPathWithACharacterNoPathMayHold()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "a\0b");

        var error = Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", FolderPath, path));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
    }

    [Theory]
    [InlineData("full")]
    [InlineData("DELTA")]
    public void AcceptsAnAllowedValueWithoutRegardToCase(string value)
    {
        var setting = new PluginSetting("mode", SettingType.String, allowedValues: new object[] { "full", "delta" });

        Assert.Equal(value, SettingValues.Convert("plugin", setting, value));
    }

    [Fact]
    public void RefusesAValueThatIsNotAllowedAndListsTheAllowedOnes()
    {
        var setting = new PluginSetting("mode", SettingType.String, allowedValues: new object[] { "full", "delta" });

        var error = Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", setting, "partial"));

        Assert.Equal("SettingValueInvalid", error.ErrorId);
        Assert.Contains("one of 'full', 'delta'", error.Message);
        Assert.Contains("'partial'", error.Message);
    }

    [Fact]
    public void ComparesAllowedIntegersByValueWhateverTheirType()
    {
        var setting = new PluginSetting("size", SettingType.Integer, allowedValues: new object[] { 10, 20 });

        Assert.Equal(20L, SettingValues.Convert("plugin", setting, "20"));
        Assert.Throws<PluginSyncException>(() => SettingValues.Convert("plugin", setting, 15));
    }

    [Theory]
    [InlineData(SettingType.String, "text")]
    [InlineData(SettingType.Integer, "a whole number such as 100")]
    [InlineData(SettingType.Boolean, "$true or $false")]
    [InlineData(SettingType.Path, "an absolute file or folder path")]
    public void DescribesWhatEachTypeAccepts(SettingType type, string expected)
    {
        Assert.Equal(expected, SettingValues.Expected(type));
    }

    [Fact]
    public void EveryTypeHasADescriptionOfItsOwn()
    {
        var descriptions = Enum.GetValues<SettingType>().Select(SettingValues.Expected).ToList();

        Assert.Equal(descriptions.Count, descriptions.Distinct().Count());
    }
}
