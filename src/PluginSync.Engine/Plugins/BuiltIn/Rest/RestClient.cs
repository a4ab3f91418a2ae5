using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Plugins.BuiltIn.Rest;

/// <summary>
/// Sends the <c>rest</c> plugin's requests: GET with the configured credential in a header, JSON accepted, and
/// each answer that is not a success turned into a <see cref="RestRunException"/> that says what to do.
/// </summary>
internal sealed class RestClient
{
    /// <summary>How long one request may wait for an answer when the run itself has no timeout.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    // One client for every run: a client per run would leave its connections open until they time out.
    // Limitation: connections are pooled without a lifetime, so a long-lived session keeps using the address a
    // host name had when the connection opened.
    private static readonly HttpClient Shared = CreateClient();

    private readonly RestOptions _options;

    public RestClient(RestOptions options)
    {
        _options = options;
    }

    /// <summary>Fetches <paramref name="url"/> and parses its body as JSON.</summary>
    /// <param name="url">The page to fetch.</param>
    /// <param name="what">The page in words, such as "page 2 (https://...)", for messages.</param>
    /// <param name="cancellationToken">Fires when the run is cancelled or times out.</param>
    public async Task<JsonDocument> GetJsonAsync(Uri url, string what, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, what, cancellationToken).ConfigureAwait(false);
        var refusal = Refusal(response, what);
        if (refusal is not null)
        {
            throw refusal;
        }

        try
        {
            using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            return await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new RestRunException($"The response to {what} is not valid JSON: {e.Message}");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new RestRunException($"The connection broke while reading {what}: {Describe(e)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoAnswer(what);
        }
    }

    /// <summary>Sends a GET with the credential and returns the response, whatever its status.</summary>
    public async Task<HttpResponseMessage> SendAsync(Uri url, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        AddCredential(request);
        try
        {
            return await Shared.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RestRunException($"Could not fetch {what}: {Describe(e)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw NoAnswer(what);
        }
    }

    /// <summary>The failure that <paramref name="response"/> means, or null when its status is a success.</summary>
    public RestRunException? Refusal(HttpResponseMessage response, string what)
    {
        var code = (int)response.StatusCode;
        if (code is >= 200 and <= 299)
        {
            return null;
        }

        var status = $"{code} {response.ReasonPhrase ?? response.StatusCode.ToString()}".Trim();
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return CredentialRefused(status, what);
        }

        if (code is >= 300 and <= 399)
        {
            var location = response.Headers.Location is { } target ? $" to '{target}'" : "";
            return new RestRunException(
                $"The API answered {what} with {status}, a redirect{location}. Redirects are not followed, so " +
                "that a credential never travels to another address; set Url to the new address.",
                retryable: false);
        }

        return new RestRunException($"The API answered {what} with {status}.");
    }

    private RestRunException CredentialRefused(string status, string what)
    {
        var name = _options.CredentialName;
        var message = name is null
            ? $"The API refused {what} without a credential ({status}). Set Auth to Bearer (credential " +
              $"'{RestOptions.TokenCredential}') or ApiKey (credential '{RestOptions.ApiKeyCredential}')."
            : $"The API refused the credential '{name}' ({status}) for {what}. Check that it is valid and may " +
              $"read this address, and set it again with {_options.HowToSet(name)}.";

        // Sending the same credential again gets the same answer.
        return new RestRunException(message, retryable: false);
    }

    private void AddCredential(HttpRequestMessage request)
    {
        var value = _options.CredentialValue;
        if (value is null)
        {
            return;
        }

        var added = _options.Auth == RestAuth.Bearer
            ? request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + value)
            : request.Headers.TryAddWithoutValidation(_options.ApiKeyHeader, value);
        if (!added)
        {
            throw new RestRunException(
                $"The credential '{_options.CredentialName}' cannot be sent in the header " +
                $"'{(_options.Auth == RestAuth.Bearer ? "Authorization" : _options.ApiKeyHeader)}'. " +
                $"Check the setting '{RestOptions.ApiKeyHeaderSetting}' and the credential's value.",
                retryable: false);
        }
    }

    private static RestRunException NoAnswer(string what) =>
        new($"The API did not answer {what} within {RequestTimeout.TotalSeconds:0} s.");

    /// <summary>The messages of an exception and its inner exceptions, which name the cause ("Connection
    /// refused") rather than only the symptom.</summary>
    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            messages.Add(current.Message.Trim().TrimEnd('.'));
        }

        return string.Join(": ", messages.Where(m => m.Length > 0).Distinct()) + ".";
    }

    private static HttpClient CreateClient()
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,

            // The client serves every configuration; a cookie one API sets must not reach another.
            UseCookies = false,
        };
        var client = new HttpClient(handler) { Timeout = RequestTimeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("PluginSync-rest/1.0");
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
