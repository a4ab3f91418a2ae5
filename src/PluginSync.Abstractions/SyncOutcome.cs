using System.Collections.Generic;

namespace PluginSync;

/// <summary>How a run ended, as the plugin reports it.</summary>
public sealed class SyncOutcome
{
    private SyncOutcome(bool success, string? message, IReadOnlyDictionary<string, object?> data, bool retryable)
    {
        Success = success;
        Message = message;
        Data = data;
        Retryable = retryable;
    }

    /// <summary>Whether the run succeeded.</summary>
    public bool Success { get; }

    /// <summary>Why the run failed, or an optional note on success.</summary>
    public string? Message { get; }

    /// <summary>
    /// Whether the engine may retry a failed run (when the configuration allows retries). False for a failure
    /// that another attempt cannot fix, such as a credential the source refused.
    /// </summary>
    public bool Retryable { get; }

    /// <summary>Free-form values the plugin returns; they reach the caller's result object.</summary>
    public IReadOnlyDictionary<string, object?> Data { get; }

    /// <summary>A successful run.</summary>
    /// <param name="data">Optional values to return to the caller.</param>
    /// <param name="message">An optional note.</param>
    public static SyncOutcome Succeeded(IReadOnlyDictionary<string, object?>? data = null, string? message = null) =>
        new(true, message, data ?? new Dictionary<string, object?>(), retryable: false);

    /// <summary>A failed run, which the engine retries when the configuration allows retries.</summary>
    /// <param name="message">Why it failed, in words an operator can act on.</param>
    /// <param name="data">Optional values to return to the caller.</param>
    public static SyncOutcome Failed(string message, IReadOnlyDictionary<string, object?>? data = null) =>
        new(false, message, data ?? new Dictionary<string, object?>(), retryable: true);

    /// <summary>
    /// A failed run that another attempt cannot fix (a refused credential, a bad request): never retried.
    /// </summary>
    /// <param name="message">Why it failed, in words an operator can act on.</param>
    /// <param name="data">Optional values to return to the caller.</param>
    public static SyncOutcome FailedPermanently(string message, IReadOnlyDictionary<string, object?>? data = null) =>
        new(false, message, data ?? new Dictionary<string, object?>(), retryable: false);
}
