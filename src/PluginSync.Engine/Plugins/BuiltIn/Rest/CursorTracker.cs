using System;
using System.Globalization;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>
/// Keeps the greatest cursor value seen. Two values are compared as numbers when both read as numbers, and as
/// text (ordinal) otherwise, which orders ISO 8601 timestamps of one format correctly.
/// </summary>
internal sealed class CursorTracker
{
    /// <summary>Starts from the previous run's value, so the cursor never moves back.</summary>
    public CursorTracker(string? previous)
    {
        Greatest = string.IsNullOrEmpty(previous) ? null : previous;
    }

    /// <summary>The greatest value seen, or null when none was.</summary>
    public string? Greatest { get; private set; }

    /// <summary>Keeps <paramref name="value"/> when it is greater than every value seen before.</summary>
    public void Offer(string value)
    {
        if (Greatest is null || Compare(value, Greatest) > 0)
        {
            Greatest = value;
        }
    }

    /// <summary>Compares two cursor values: as numbers when both are numbers, else ordinally.</summary>
    public static int Compare(string a, string b)
    {
        const NumberStyles Style = NumberStyles.Float;
        var culture = CultureInfo.InvariantCulture;
        if (decimal.TryParse(a, Style, culture, out var x) && decimal.TryParse(b, Style, culture, out var y))
        {
            return x.CompareTo(y);
        }

        if (double.TryParse(a, Style, culture, out var p) && double.TryParse(b, Style, culture, out var q) &&
            !double.IsNaN(p) && !double.IsNaN(q))
        {
            return p.CompareTo(q);
        }

        return string.CompareOrdinal(a, b);
    }
}
