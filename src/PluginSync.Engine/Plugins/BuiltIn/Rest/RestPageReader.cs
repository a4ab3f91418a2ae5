using System;
using System.Linq;
using System.Text.Json;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>Finds the records and the next page's link in one parsed page of the <c>rest</c> plugin.</summary>
internal static class RestPageReader
{
    /// <summary>The array of records on a page: the body itself, or the property named by RecordsPath.</summary>
    /// <param name="root">The page's parsed body.</param>
    /// <param name="options">The run's settings.</param>
    /// <param name="what">The page in words, for messages.</param>
    public static JsonElement Records(JsonElement root, RestOptions options, string what)
    {
        var path = options.RecordsPath;
        if (path.Length == 0)
        {
            if (root.ValueKind == JsonValueKind.Array)
            {
                return root;
            }

            throw new RestRunException(
                $"The response to {what} is {KindOf(root)}, not an array of records. If the records sit in a " +
                $"property of the response, name it in the setting '{RestOptions.RecordsPathSetting}'.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RestRunException(
                $"The response to {what} is {KindOf(root)}, not an object with the property '{path}' (the " +
                $"setting '{RestOptions.RecordsPathSetting}'). Set {RestOptions.RecordsPathSetting} to '' when " +
                "the response is the array itself.");
        }

        if (!root.TryGetProperty(path, out var records))
        {
            var names = string.Join(", ", root.EnumerateObject().Select(p => $"'{p.Name}'").Take(10));
            throw new RestRunException(
                $"The response to {what} has no property '{path}' (the setting " +
                $"'{RestOptions.RecordsPathSetting}'); its properties are: " +
                $"{(names.Length == 0 ? "none" : names)}.");
        }

        if (records.ValueKind != JsonValueKind.Array)
        {
            throw new RestRunException(
                $"The property '{path}' of the response to {what} is {KindOf(records)}, not an array of records.");
        }

        return records;
    }

    /// <summary>
    /// The next page's URL from the property named by NextLinkField, resolved against the page's own URL; null
    /// when the property is missing, null or empty, which ends the run's paging.
    /// </summary>
    public static Uri? NextLink(JsonElement root, Uri current, RestOptions options, string what)
    {
        var field = options.NextLinkField;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RestRunException(
                $"Paging is NextLink, but the response to {what} is {KindOf(root)}, which cannot hold the " +
                $"next page's link in a property '{field}'. Set Paging to Page or None, or RecordsPath to the " +
                "property that holds the records.",
                retryable: false);
        }

        if (!root.TryGetProperty(field, out var link) || link.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (link.ValueKind != JsonValueKind.String)
        {
            throw new RestRunException(
                $"The next page's link '{field}' in the response to {what} is {KindOf(link)}, not a URL.");
        }

        var text = link.GetString()!.Trim();
        return text.Length == 0 ? null : Resolve(text, current, options, what);
    }

    /// <summary>How a JSON value reads in a message: "an object", "a string", "null".</summary>
    public static string KindOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "no value",
    };

    private static Uri Resolve(string text, Uri current, RestOptions options, string what)
    {
        var ok = Uri.TryCreate(current, text, out var next) &&
                 (next.Scheme == Uri.UriSchemeHttp || next.Scheme == Uri.UriSchemeHttps) &&
                 next.UserInfo.Length == 0;
        if (!ok)
        {
            throw new RestRunException(
                $"The next page's link '{options.NextLinkField}' in the response to {what} is '{text}', which " +
                "is not an http or https URL without a user name or password in it.");
        }

        if (options.CredentialName is { } credential && !UrlQuery.SameOrigin(next!, options.Url))
        {
            throw new RestRunException(
                $"The next page's link in the response to {what} points to {Origin(next!)}, another address than " +
                $"the setting 'Url' ({Origin(options.Url)}). The credential '{credential}' is sent only to the " +
                "address of Url, so the link is not followed.",
                retryable: false);
        }

        return next!;
    }

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
