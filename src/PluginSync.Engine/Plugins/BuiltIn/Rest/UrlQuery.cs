using System;
using System.Linq;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>Sets query parameters on a URL, keeping the parameters it already has.</summary>
internal static class UrlQuery
{
    /// <summary>
    /// <paramref name="url"/> with the query parameter <paramref name="name"/> set to <paramref name="value"/>:
    /// an existing parameter of that name is replaced, so a configured <c>page=1</c> never travels twice.
    /// </summary>
    public static Uri With(Uri url, string name, string value)
    {
        var kept = url.Query.TrimStart('?')
            .Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !string.Equals(NameOf(pair), name, StringComparison.Ordinal));
        var added = $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
        var query = string.Join("&", kept.Concat(new[] { added }));
        return new Uri(url.GetLeftPart(UriPartial.Path) + "?" + query);
    }

    /// <summary>Whether two URLs share scheme, host and port, so a credential meant for one may go to the other.
    /// </summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        a.Port == b.Port;

    private static string NameOf(string pair)
    {
        var equals = pair.IndexOf('=');
        var name = equals < 0 ? pair : pair.Substring(0, equals);
        return Uri.UnescapeDataString(name.Replace('+', ' '));
    }
}
