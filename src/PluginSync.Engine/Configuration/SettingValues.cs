using System;
using System.Globalization;
using System.Linq;
using LiteDB;
using PluginSync.Engine.Errors;

namespace PluginSync.Engine.Configuration;

/// <summary>
/// Converts a value given for a setting into its declared type. Integers are <see cref="long"/>, booleans
/// <see cref="bool"/>, strings and paths <see cref="string"/>. Text is converted only when the conversion is
/// exact ("100" is an integer, "1.5" and "abc" are not).
/// </summary>
public static class SettingValues
{
    /// <summary>
    /// Converts <paramref name="value"/> for <paramref name="setting"/> of <paramref name="plugin"/>.
    /// </summary>
    public static object Convert(string plugin, PluginSetting setting, object value)
    {
        var converted = setting.Type switch
        {
            SettingType.Integer => ToInteger(value),
            SettingType.Boolean => ToBoolean(value),
            SettingType.Path => ToPath(value),
            _ => ToText(value),
        } ?? throw WrongType(plugin, setting, value, Expected(setting.Type));

        CheckRange(plugin, setting, converted);
        CheckAllowed(plugin, setting, converted);
        return converted;
    }

    /// <summary>What a setting of <paramref name="type"/> accepts, in words.</summary>
    public static string Expected(SettingType type) => type switch
    {
        SettingType.Integer => "a whole number such as 100",
        SettingType.Boolean => "$true or $false",
        SettingType.Path => "an absolute file or folder path",
        _ => "text",
    };

    internal static BsonValue ToBson(object? value) => value switch
    {
        null => BsonValue.Null,
        long number => new BsonValue(number),
        bool flag => new BsonValue(flag),
        _ => new BsonValue(value.ToString()),
    };

    internal static object? FromBson(BsonValue value)
    {
        if (value.IsNull)
        {
            return null;
        }

        if (value.IsInt32 || value.IsInt64)
        {
            return value.AsInt64;
        }

        return value.IsBoolean ? value.AsBoolean : value.AsString;
    }

    private static object? ToInteger(object value)
    {
        switch (value)
        {
            case bool:
                return null;
            case string text:
                var style = NumberStyles.AllowLeadingSign;
                return long.TryParse(text.Trim(), style, CultureInfo.InvariantCulture, out var n)
                    ? n
                    : null;
            case float or double or decimal:
                var real = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(real) || double.IsInfinity(real) || Math.Abs(real) >= 9.2e18)
                {
                    return null;
                }

                var exact = System.Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                return exact == decimal.Truncate(exact) ? (long)exact : null;
            case IConvertible convertible when IsIntegral(value):
                try
                {
                    return convertible.ToInt64(CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    private static bool IsIntegral(object value) =>
        value is byte or sbyte or short or ushort or int or uint or long or ulong;

    private static object? ToBoolean(object value) => value switch
    {
        bool flag => flag,
        string text when bool.TryParse(text.Trim(), out var parsed) => parsed,
        _ => null,
    };

    private static object? ToPath(object value)
    {
        var text = value as string;
        return !string.IsNullOrWhiteSpace(text) && System.IO.Path.IsPathRooted(text) &&
               text!.IndexOfAny(System.IO.Path.GetInvalidPathChars()) < 0
            ? text
            : null;
    }

    private static object? ToText(object value) => value switch
    {
        string text => text,
        bool or char => value.ToString(),
        IConvertible convertible when IsIntegral(value) => convertible.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static void CheckRange(string plugin, PluginSetting setting, object value)
    {
        if (value is not long number)
        {
            return;
        }

        if ((setting.Minimum is { } min && number < min) || (setting.Maximum is { } max && number > max))
        {
            var range = (setting.Minimum, setting.Maximum) switch
            {
                ({ } lo, { } hi) => $"from {lo} to {hi}",
                ({ } lo, null) => $"of at least {lo}",
                (null, { } hi) => $"of at most {hi}",
                _ => "",
            };
            throw WrongType(plugin, setting, value, $"a whole number {range}");
        }
    }

    private static void CheckAllowed(string plugin, PluginSetting setting, object value)
    {
        if (setting.AllowedValues is null || setting.AllowedValues.Any(allowed => Same(allowed, value)))
        {
            return;
        }

        var list = string.Join(", ", setting.AllowedValues.Select(v => $"'{v}'"));
        throw WrongType(plugin, setting, value, $"one of {list}");
    }

    private static bool Same(object allowed, object value) => value is string text
        ? string.Equals(allowed?.ToString(), text, StringComparison.OrdinalIgnoreCase)
        : Equals(ToInteger(allowed) ?? allowed, value);

    private static PluginSyncException WrongType(string plugin, PluginSetting setting, object value, string expected)
    {
        var shown = value is string ? $"'{value}'" : $"{value} ({value.GetType().Name})";
        return new PluginSyncException(
            "SettingValueInvalid",
            PluginSyncErrorKind.InvalidArgument,
            $"The setting '{setting.Name}' of plugin '{plugin}' takes {expected}; {shown} is not accepted.",
            setting.Name);
    }
}
