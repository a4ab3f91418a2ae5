using System.Text;
using System.Text.RegularExpressions;

namespace PluginSync.Engine.Storage;

/// <summary>A plugin name, or a wildcard pattern with <c>*</c> and <c>?</c>, matched without regard to case.</summary>
public sealed class NamePattern
{
    private readonly Regex? _regex;
    private readonly string _literal;

    public NamePattern(string pattern)
    {
        _literal = pattern;
        IsWildcard = pattern.IndexOf('*') >= 0 || pattern.IndexOf('?') >= 0;
        if (!IsWildcard)
        {
            return;
        }

        var builder = new StringBuilder("^");
        foreach (var c in pattern)
        {
            builder.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        _regex = new Regex(builder.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>Whether the pattern holds a wildcard.</summary>
    public bool IsWildcard { get; }

    /// <summary>Whether <paramref name="name"/> matches.</summary>
    public bool IsMatch(string name) =>
        _regex?.IsMatch(name) ?? string.Equals(name, _literal, System.StringComparison.OrdinalIgnoreCase);
}
