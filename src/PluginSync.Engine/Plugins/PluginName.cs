using System.Text.RegularExpressions;
using PluginSync.Engine.Errors;

namespace PluginSync.Engine.Plugins;

/// <summary>The rule every plugin name follows, in one place.</summary>
public static class PluginName
{
    /// <summary>The rule, in words an error message can quote.</summary>
    public const string Rule = "1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit";

    private static readonly Regex Pattern = new(@"\A[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\z", RegexOptions.CultureInvariant);

    /// <summary>Whether <paramref name="name"/> is a valid plugin name.</summary>
    public static bool IsValid(string? name) => name is not null && Pattern.IsMatch(name);

    /// <summary>Throws an <c>InvalidPluginName</c> error unless <paramref name="name"/> is valid.</summary>
    public static string Validate(string? name)
    {
        if (IsValid(name))
        {
            return name!;
        }

        var shown = name is null ? "(null)" : $"'{Shorten(name)}'";
        throw new PluginSyncException(
            "InvalidPluginName",
            PluginSyncErrorKind.InvalidArgument,
            $"The plugin name {shown} is not valid. A plugin name is {Rule}.",
            name);
    }

    /// <summary>A name as an error message shows it: a very long one is cut, so the message stays readable.</summary>
    public static string Shorten(string name) => name.Length <= 80 ? name : name.Substring(0, 77) + "...";

    /// <summary>The key a name is stored under: names are compared without regard to case.</summary>
    public static string Key(string name) => name.ToLowerInvariant();
}
