using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>
/// The source settings and the credential of one run of the <c>rest</c> plugin, read from its context and
/// checked. A problem is a <see cref="RestRunException"/> that names the setting or credential, never a
/// credential's value.
/// </summary>
internal sealed class RestOptions
{
    public const string UrlSetting = "Url";
    public const string DestinationSetting = "Destination";
    public const string AuthSetting = "Auth";
    public const string ApiKeyHeaderSetting = "ApiKeyHeader";
    public const string RecordsPathSetting = "RecordsPath";
    public const string KeyFieldSetting = "KeyField";
    public const string PagingSetting = "Paging";
    public const string NextLinkFieldSetting = "NextLinkField";
    public const string PageParameterSetting = "PageParameter";
    public const string MaxPagesSetting = "MaxPages";
    public const string CursorFieldSetting = "CursorField";
    public const string CursorParameterSetting = "CursorParameter";
    public const string TokenCredential = "token";
    public const string ApiKeyCredential = "api_key";

    // The characters RFC 9110 allows in a header name, besides letters and digits.
    private const string HeaderNameSymbols = "!#$%&'*+-.^_`|~";

    private RestOptions(ISyncContext context)
    {
        PluginName = context.PluginName;
        Url = ReadUrl(Text(context, UrlSetting));
        Auth = ReadChoice<RestAuth>(context, AuthSetting);
        ApiKeyHeader = Text(context, ApiKeyHeaderSetting).Trim();
        RecordsPath = Text(context, RecordsPathSetting).Trim();
        KeyField = Text(context, KeyFieldSetting).Trim();
        Paging = ReadChoice<RestPaging>(context, PagingSetting);
        NextLinkField = Text(context, NextLinkFieldSetting).Trim();
        PageParameter = Text(context, PageParameterSetting).Trim();
        MaxPages = (int)Math.Min(int.MaxValue, Math.Max(1, Number(context, MaxPagesSetting) ?? 1000));
        CursorField = Text(context, CursorFieldSetting).Trim();
        CursorParameter = Text(context, CursorParameterSetting).Trim();
    }

    public string PluginName { get; }

    /// <summary>The first page's URL, as configured.</summary>
    public Uri Url { get; }

    public RestAuth Auth { get; }

    public string ApiKeyHeader { get; }

    /// <summary>The top-level property that holds the records, or empty when the body is the array.</summary>
    public string RecordsPath { get; }

    public string KeyField { get; }

    public RestPaging Paging { get; }

    public string NextLinkField { get; }

    public string PageParameter { get; }

    public int MaxPages { get; }

    /// <summary>The record field kept as state, or empty when runs are not incremental.</summary>
    public string CursorField { get; }

    public string CursorParameter { get; }

    /// <summary>The name of the credential that <see cref="Auth"/> sends, or null for none.</summary>
    public string? CredentialName => Auth switch
    {
        RestAuth.Bearer => TokenCredential,
        RestAuth.ApiKey => ApiKeyCredential,
        _ => null,
    };

    /// <summary>The value of <see cref="CredentialName"/>. Never log it or put it in a message.</summary>
    public string? CredentialValue { get; private set; }

    /// <summary>Reads and checks the settings and the credential the run needs.</summary>
    public static RestOptions Read(ISyncContext context)
    {
        var options = new RestOptions(context);
        options.CheckFields();
        options.CredentialValue = options.ReadCredential(context.Credentials);
        return options;
    }

    /// <summary>Reads the destination folder as a full path. It is read on its own, so that a wrong source
    /// setting does not hide whether the destination is usable.</summary>
    public static string ReadDestination(ISyncContext context) =>
        ReadDestination(Text(context, DestinationSetting));

    /// <summary>What an operator types to set the credential <paramref name="name"/>.</summary>
    public string HowToSet(string name) =>
        $"Set-PluginConfiguration -Name {PluginName} -Secret @{{ {name} = '...' }}";

    private static string Text(ISyncContext context, string name) =>
        context.Settings.TryGetValue(name, out var value) ? value as string ?? "" : "";

    private static long? Number(ISyncContext context, string name) =>
        context.Settings.TryGetValue(name, out var value) ? value as long? : null;

    private static Uri ReadUrl(string text)
    {
        var ok = Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) &&
                 (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
        if (!ok)
        {
            throw Invalid($"The setting '{UrlSetting}' is '{text}'; it must be an absolute http or https " +
                          "URL such as https://api.example.com/items.");
        }

        if (url!.UserInfo.Length > 0)
        {
            throw Invalid($"The setting '{UrlSetting}' holds a user name or password before the host. " +
                          "Remove it, and send a credential with Auth and 'token' or 'api_key' instead.");
        }

        return url;
    }

    private static string ReadDestination(string text)
    {
        if (text.Length == 0 || !Path.IsPathRooted(text))
        {
            throw Invalid(
                $"The setting '{DestinationSetting}' is '{text}'; it must be an absolute folder path.");
        }

        var full = Path.GetFullPath(text);
        var root = Path.GetPathRoot(full) ?? "";
        return full.Length > root.Length ? full.TrimEnd('/', '\\') : full;
    }

    private static T ReadChoice<T>(ISyncContext context, string name)
        where T : struct
    {
        var text = Text(context, name).Trim();
        if (text.Length == 0)
        {
            return default;
        }

        var names = Enum.GetNames(typeof(T));
        var match = names.FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return (T)Enum.Parse(typeof(T), match);
        }

        throw Invalid($"The setting '{name}' is '{text}'; it must be one of {string.Join(", ", names)}.");
    }

    private void CheckFields()
    {
        RequireText(KeyFieldSetting, KeyField, "the record field that holds each record's key, such as 'id'");
        if (Paging == RestPaging.NextLink)
        {
            RequireText(NextLinkFieldSetting, NextLinkField, "the property that holds the next page's URL");
        }

        if (Paging == RestPaging.Page)
        {
            RequireText(PageParameterSetting, PageParameter, "the query parameter that carries the page number");
        }

        if (CursorField.Length > 0)
        {
            RequireText(CursorParameterSetting, CursorParameter, "the query parameter that carries the cursor");
        }

        if (Auth == RestAuth.ApiKey && !IsHeaderName(ApiKeyHeader))
        {
            throw Invalid($"The setting '{ApiKeyHeaderSetting}' is '{ApiKeyHeader}', which is not a valid HTTP " +
                          "header name; use letters, digits and '-', such as X-Api-Key.");
        }
    }

    private string? ReadCredential(IReadOnlyDictionary<string, string> credentials)
    {
        var name = CredentialName;
        if (name is null)
        {
            return null;
        }

        if (!credentials.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
        {
            throw Invalid($"The setting '{AuthSetting}' is {Auth}, which sends the credential '{name}', but the " +
                $"configuration has no value for it. Set it with {HowToSet(name)}.");
        }

        if (value.Any(char.IsControl))
        {
            throw Invalid($"The credential '{name}' holds a line break or another control character, which " +
                          $"cannot be sent in an HTTP header. Set it again with {HowToSet(name)}.");
        }

        return value;
    }

    private static void RequireText(string name, string value, string what)
    {
        if (value.Length == 0)
        {
            throw Invalid($"The setting '{name}' is empty; it must name {what}.");
        }
    }

    private static bool IsHeaderName(string name) =>
        name.Length > 0 && name.All(c => c < 128 && (char.IsLetterOrDigit(c) || HeaderNameSymbols.IndexOf(c) >= 0));

    // A wrong setting stays wrong however often the run is tried.
    private static RestRunException Invalid(string message) => new(message, retryable: false);
}
