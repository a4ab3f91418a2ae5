using System.Collections.Generic;

namespace PluginSync;

/// <summary>How a run ended, as the plugin reports it.</summary>
public sealed class SyncOutcome
{
    private SyncOutcome(bool success, string? message, IReadOnlyDictionary<string, object?> data)
    {
        Success = success;
        Message = message;
        Data = data;
    }

    /// <summary>Whether the run succeeded.</summary>
    public bool Success { get; }

    /// <summary>Why the run failed, or an optional note on success.</summary>
    public string? Message { get; }

    /// <summary>Free-form values the plugin returns; they reach the caller's result object.</summary>
    public IReadOnlyDictionary<string, object?> Data { get; }

    /// <summary>A successful run.</summary>
    /// <param name="data">Optional values to return to the caller.</param>
    /// <param name="message">An optional note.</param>
    public static SyncOutcome Succeeded(IReadOnlyDictionary<string, object?>? data = null, string? message = null) =>
        new(true, message, data ?? new Dictionary<string, object?>());

    /// <summary>A failed run.</summary>
    /// <param name="message">Why it failed, in words an operator can act on.</param>
    /// <param name="data">Optional values to return to the caller.</param>
    public static SyncOutcome Failed(string message, IReadOnlyDictionary<string, object?>? data = null) =>
        new(false, message, data ?? new Dictionary<string, object?>());
}
