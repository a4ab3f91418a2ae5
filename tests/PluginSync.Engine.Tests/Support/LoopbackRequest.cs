using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace PluginSync.Engine.Tests.Support;

/// <summary>One request that <see cref="LoopbackHttpServer"/> received, as the client sent it.</summary>
public sealed class LoopbackRequest
{
    internal LoopbackRequest(HttpListenerRequest request)
    {
        Method = request.HttpMethod;
        Url = request.Url!;
        Path = Url.AbsolutePath;
        Headers = request.Headers.AllKeys
            .Where(k => k is not null)
            .ToDictionary(k => k!, k => request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
        Query = request.QueryString.AllKeys
            .Where(k => k is not null)
            .ToDictionary(k => k!, k => request.QueryString[k] ?? "", StringComparer.Ordinal);
    }

    /// <summary>GET, POST, ...</summary>
    public string Method { get; }

    /// <summary>The full URL the request was sent to.</summary>
    public Uri Url { get; }

    /// <summary>The URL's path, such as <c>/items</c>.</summary>
    public string Path { get; }

    /// <summary>The request's headers, by name without regard to case.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The query parameters, unescaped, by name.</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>A header's value, or null when the request had no such header.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A query parameter's value, or null when the request had no such parameter.</summary>
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Url.PathAndQuery}";
}
