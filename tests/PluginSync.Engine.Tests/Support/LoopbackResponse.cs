using System;
using System.Collections.Generic;
using System.Text.Json;

namespace PluginSync.Engine.Tests.Support;

/// <summary>What a <see cref="LoopbackHttpServer"/> handler answers: a status and a body.</summary>
public sealed class LoopbackResponse
{
    public LoopbackResponse(
        int statusCode,
        string body = "",
        string contentType = "application/json",
        IReadOnlyDictionary<string, string>? headers = null)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        Headers = headers ?? new Dictionary<string, string>();
    }

    public int StatusCode { get; }

    public string Body { get; }

    public string ContentType { get; }

    /// <summary>Further headers to send, by name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>A 200 answer whose body is <paramref name="value"/> serialized as JSON.</summary>
    public static LoopbackResponse Json(object value) => new(200, JsonSerializer.Serialize(value));

    /// <summary>An answer with <paramref name="body"/> as it is, JSON or not.</summary>
    public static LoopbackResponse Raw(string body, int statusCode = 200) => new(statusCode, body);

    /// <summary>A redirect to <paramref name="location"/>.</summary>
    public static LoopbackResponse Redirect(string location, int statusCode = 302) =>
        new(statusCode, "", headers: new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Location"] = location,
        });

    /// <summary>An answer with a status and a short JSON error body.</summary>
    public static LoopbackResponse Status(int statusCode, string error = "error") =>
        new(statusCode, JsonSerializer.Serialize(new { error }));
}
