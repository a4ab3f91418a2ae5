using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>
/// One run of the <c>rest</c> plugin: fetches every page, writes each record to its file, and sets the cursor as
/// state once every page was written. A problem with a page ends the run at once; a problem with one record is
/// counted as failed, and the run goes on with the other records and then fails.
/// </summary>
internal sealed class RestRun
{
    /// <summary>The key of a failed outcome's data that says whether another attempt could help; the same answer as
    /// <see cref="SyncOutcome.Retryable"/>, so that the caller's result shows it too.</summary>
    public const string RetryableKey = "Retryable";

    private const int MaxProblemsLogged = 20;

    private readonly RestOptions _options;
    private readonly ISyncContext _context;
    private readonly RestClient _client;
    private readonly RecordFileWriter _writer;
    private readonly CursorTracker _cursor;
    private readonly Dictionary<string, string> _keysByFile = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _problems = new();
    private readonly Uri _baseUrl;
    private int _pages;

    private RestRun(RestOptions options, string destination, ISyncContext context)
    {
        _options = options;
        _context = context;
        _client = new RestClient(options);
        _writer = new RecordFileWriter(destination);
        var previous = options.CursorField.Length > 0 ? context.PreviousState : null;
        _cursor = new CursorTracker(previous);

        // Every page starts from the configured URL with the previous run's cursor; next links are the API's own.
        _baseUrl = string.IsNullOrEmpty(previous)
            ? options.Url
            : UrlQuery.With(options.Url, options.CursorParameter, previous!);
    }

    /// <summary>Runs the plugin with the settings and credentials in <paramref name="context"/>.</summary>
    public static async Task<SyncOutcome> RunAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        RestRun run;
        try
        {
            run = new RestRun(RestOptions.Read(context), RestOptions.ReadDestination(context), context);
        }
        catch (RestRunException e)
        {
            return Failed(e.Message, e.Retryable, new Dictionary<string, object?>());
        }

        return await run.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SyncOutcome> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            PrepareDestination();
            WarnAboutUnusedCredentials();
            await FetchPagesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RestRunException e)
        {
            return Failed(e.Message, e.Retryable, Data());
        }

        if (_problems.Count > 0)
        {
            var first = string.Join(" ", _problems.Take(3));
            return Failed(
                $"{_problems.Count} of {_context.Counters.Processed} records could not be synced. {first}",
                retryable: true,
                Data());
        }

        if (_options.CursorField.Length > 0 && _cursor.Greatest is { } cursor)
        {
            _context.SetState(cursor);
            _context.Log(SyncLogLevel.Verbose, $"The cursor '{_options.CursorField}' is now '{cursor}'.");
        }

        return SyncOutcome.Succeeded(Data(succeeded: true));
    }

    private void PrepareDestination()
    {
        var destination = _writer.Destination;
        if (File.Exists(destination))
        {
            throw new RestRunException(
                $"The destination '{destination}' is a file, not a folder.", retryable: false);
        }

        try
        {
            Directory.CreateDirectory(destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RestRunException($"The destination folder '{destination}' cannot be created: {e.Message}");
        }
    }

    private void WarnAboutUnusedCredentials()
    {
        if (_options.Auth != RestAuth.None)
        {
            return;
        }

        foreach (var name in _context.Credentials.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            _context.Log(SyncLogLevel.Warning,
                $"The credential '{name}' is set, but Auth is None, so it is not sent. Set Auth to use it.");
        }
    }

    private async Task FetchPagesAsync(CancellationToken cancellationToken)
    {
        var url = FirstPageUrl();
        var fetched = new HashSet<string>(StringComparer.Ordinal);
        _context.Log(SyncLogLevel.Verbose,
            $"Fetching records from {url.AbsoluteUri} into '{_writer.Destination}' (paging {_options.Paging}, " +
            $"auth {_options.Auth}).");

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fetched.Add(url.AbsoluteUri);
            _pages++;
            var next = await SyncPageAsync(url, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            if (fetched.Contains(next.AbsoluteUri))
            {
                throw new RestRunException(
                    $"The next page's link on page {_pages} leads back to {next.AbsoluteUri}, which this run " +
                    "fetched already; paging would never end.");
            }

            if (_pages >= _options.MaxPages)
            {
                throw new RestRunException(
                    $"The run fetched {_pages} pages, the most the setting '{RestOptions.MaxPagesSetting}' " +
                    $"allows, and there are more: the next is {next.AbsoluteUri}. Raise MaxPages if the API " +
                    "really has that many pages.",
                    retryable: false);
            }

            url = next;
        }
    }

    /// <summary>Fetches one page, syncs its records, and returns the next page's URL or null.</summary>
    private async Task<Uri?> SyncPageAsync(Uri url, CancellationToken cancellationToken)
    {
        var what = $"page {_pages} ({url.AbsoluteUri})";
        using var document = await _client.GetJsonAsync(url, what, cancellationToken).ConfigureAwait(false);
        var records = RestPageReader.Records(document.RootElement, _options, what);
        var count = records.GetArrayLength();
        _context.Log(SyncLogLevel.Verbose, $"Fetched {what}: {count} records.");

        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            cancellationToken.ThrowIfCancellationRequested();
            SyncRecord(record, $"record {++index} on {what}");
        }

        _context.ReportProgress(-1, $"Page {_pages}: {count} records, {_context.Counters.Processed} so far");
        return _options.Paging switch
        {
            RestPaging.NextLink => RestPageReader.NextLink(document.RootElement, url, _options, what),
            RestPaging.Page when count > 0 => PageUrl(_pages + 1),
            _ => null,
        };
    }

    private void SyncRecord(JsonElement record, string which)
    {
        _context.Counters.AddProcessed();
        if (record.ValueKind != JsonValueKind.Object)
        {
            Problem($"The {which} is {RestPageReader.KindOf(record)}, not an object.");
            return;
        }

        if (ReadKey(record, which) is not { } key || ReadCursor(record, which, out var cursor) is false)
        {
            return;
        }

        var fileName = FileNameFor(key, which);
        if (fileName is null)
        {
            return;
        }

        try
        {
            Count(_writer.Write(fileName, RecordJson.Serialize(record)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem($"The file '{fileName}' for the {which} could not be written: {e.Message}");
            return;
        }

        if (cursor is not null)
        {
            _cursor.Offer(cursor);
        }
    }

    private string? ReadKey(JsonElement record, string which)
    {
        var field = _options.KeyField;
        if (!record.TryGetProperty(field, out var value))
        {
            Problem($"The {which} has no key field '{field}' (the setting '{RestOptions.KeyFieldSetting}').");
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString()!;
            case JsonValueKind.Number:
                return value.GetRawText();
            default:
                Problem($"The key field '{field}' of the {which} is {RestPageReader.KindOf(value)}; a key " +
                        "must be a string or a number.");
                return null;
        }
    }

    /// <summary>Reads the record's cursor value; false when the value cannot be a cursor.</summary>
    private bool ReadCursor(JsonElement record, string which, out string? cursor)
    {
        cursor = null;
        if (_options.CursorField.Length == 0 || !record.TryGetProperty(_options.CursorField, out var value))
        {
            return true;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                cursor = value.GetString() is { Length: > 0 } text ? text : null;
                return true;
            case JsonValueKind.Number:
                cursor = value.GetRawText();
                return true;
            default:
                Problem($"The cursor field '{_options.CursorField}' of the {which} is " +
                        $"{RestPageReader.KindOf(value)}; a cursor must be a string or a number.");
                return false;
        }
    }

    private string? FileNameFor(string key, string which)
    {
        var fileName = RecordFileName.From(key, out var refusal);
        if (fileName is null)
        {
            Problem($"The key '{Shorten(key)}' of the {which} cannot name a file: {refusal}.");
            return null;
        }

        var taken = _keysByFile.TryGetValue(fileName, out var other);
        if (taken && !string.Equals(other, key, StringComparison.Ordinal))
        {
            Problem($"The key '{Shorten(key)}' of the {which} and the key '{Shorten(other!)}' both become the " +
                    $"file '{fileName}'; the second was not written.");
            return null;
        }

        _keysByFile[fileName] = key;
        return fileName;
    }

    private void Count(RecordChange change)
    {
        switch (change)
        {
            case RecordChange.Created:
                _context.Counters.AddCreated();
                break;
            case RecordChange.Updated:
                _context.Counters.AddUpdated();
                break;
            default:
                _context.Counters.AddSkipped();
                break;
        }
    }

    private void Problem(string message)
    {
        _context.Counters.AddFailed();
        _problems.Add(message);
        if (_problems.Count <= MaxProblemsLogged)
        {
            _context.Log(SyncLogLevel.Warning, message);
        }
        else if (_problems.Count == MaxProblemsLogged + 1)
        {
            _context.Log(SyncLogLevel.Warning, "More records could not be synced; they are counted, not logged.");
        }
    }

    private Uri FirstPageUrl() => _options.Paging == RestPaging.Page ? PageUrl(1) : _baseUrl;

    private Uri PageUrl(int page) =>
        UrlQuery.With(_baseUrl, _options.PageParameter, page.ToString(CultureInfo.InvariantCulture));

    private Dictionary<string, object?> Data(bool succeeded = false)
    {
        var data = new Dictionary<string, object?>
        {
            ["Url"] = _options.Url.AbsoluteUri,
            ["Destination"] = _writer.Destination,
            ["Pages"] = _pages,
        };
        if (succeeded && _options.CursorField.Length > 0)
        {
            data["Cursor"] = _cursor.Greatest;
        }

        return data;
    }

    private static string Shorten(string key) => key.Length <= 80 ? key : key.Substring(0, 77) + "...";

    private static SyncOutcome Failed(string message, bool retryable, Dictionary<string, object?> data)
    {
        data[RetryableKey] = retryable;
        return retryable ? SyncOutcome.Failed(message, data) : SyncOutcome.FailedPermanently(message, data);
    }
}
