using System;
using PluginSync.Engine.Errors;

namespace PluginSync.Engine.Configuration;

/// <summary>
/// How the engine runs a plugin: its timeout and how failed runs are retried. Part of a configuration.
/// </summary>
public sealed class RunPolicy
{
    /// <summary>The most attempts a run may take.</summary>
    public const int MaxAttemptsLimit = 10;

    /// <summary>The longest timeout accepted: one day.</summary>
    public const int TimeoutLimitSeconds = 86400;

    /// <summary>The longest base retry delay accepted: one hour.</summary>
    public const double RetryDelayLimitSeconds = 3600;

    public RunPolicy(int? timeoutSeconds = null, int maxAttempts = 1, double retryDelaySeconds = 2)
    {
        TimeoutSeconds = timeoutSeconds;
        MaxAttempts = maxAttempts;
        RetryDelaySeconds = retryDelaySeconds;
    }

    /// <summary>The default policy: no timeout, one attempt.</summary>
    public static RunPolicy Default { get; } = new();

    /// <summary>How long a whole run, retries included, may take; null for no limit.</summary>
    public int? TimeoutSeconds { get; }

    /// <summary>How many attempts a failing run gets, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>The delay before the first retry; later retries wait exponentially longer, with jitter.</summary>
    public double RetryDelaySeconds { get; }

    /// <summary>Throws <c>RunPolicyInvalid</c> naming the value and the range when a value is out of range.</summary>
    public static void Validate(string what, double value, double minimum, double maximum)
    {
        if (value >= minimum && value <= maximum && !double.IsNaN(value))
        {
            return;
        }

        throw new PluginSyncException(
            "RunPolicyInvalid",
            PluginSyncErrorKind.InvalidArgument,
            $"{what} is {value}; it must be from {minimum} to {maximum}.",
            what);
    }

    /// <summary>A copy with the values given replaced, each checked against its range.</summary>
    public RunPolicy With(int? timeoutSeconds, int? maxAttempts, double? retryDelaySeconds)
    {
        if (timeoutSeconds is { } timeout)
        {
            Validate("TimeoutSeconds", timeout, 0, TimeoutLimitSeconds);
        }

        if (maxAttempts is { } attempts)
        {
            Validate("MaxAttempts", attempts, 1, MaxAttemptsLimit);
        }

        if (retryDelaySeconds is { } delay)
        {
            Validate("RetryDelaySeconds", delay, 0, RetryDelayLimitSeconds);
        }

        // A timeout of 0 removes the timeout.
        var newTimeout = timeoutSeconds is null ? TimeoutSeconds : timeoutSeconds == 0 ? null : timeoutSeconds;
        return new RunPolicy(newTimeout, maxAttempts ?? MaxAttempts, retryDelaySeconds ?? RetryDelaySeconds);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"timeout {(TimeoutSeconds is { } t ? TimeSpan.FromSeconds(t).ToString() : "none")}, " +
        $"{MaxAttempts} attempt(s), retry delay {RetryDelaySeconds} s";
}
