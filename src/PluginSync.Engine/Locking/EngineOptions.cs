using System;
using System.Globalization;
using PluginSync.Engine.Errors;

namespace PluginSync.Engine.Locking;

/// <summary>How the engine judges and keeps runs alive. Read from the environment, so every process that shares
/// a store can be given the same values by the scheduler that starts it.</summary>
public sealed class EngineOptions
{
    /// <summary>The environment variable that sets <see cref="StaleAfter"/>, in seconds.</summary>
    public const string StaleAfterVariable = "PLUGINSYNC_STALE_AFTER_SECONDS";

    /// <summary>The default time after which a run whose heartbeat has stopped is abandoned.</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How old a running run's heartbeat may grow before another host treats the run as abandoned. On the run's own
    /// host a run whose process has ended is abandoned at once, whatever its heartbeat.
    /// </summary>
    public TimeSpan StaleAfter { get; set; } = DefaultStaleAfter;

    /// <summary>How often a running sync refreshes its heartbeat: a quarter of <see cref="StaleAfter"/>, at most
    /// every 30 seconds, so several beats are missed before a run is judged stale.</summary>
    public TimeSpan HeartbeatInterval =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks,
            Math.Min(TimeSpan.FromSeconds(30).Ticks, StaleAfter.Ticks / 4)));

    /// <summary>The options the environment sets, with defaults for what it does not.</summary>
    public static EngineOptions FromEnvironment()
    {
        var options = new EngineOptions();
        var text = Environment.GetEnvironmentVariable(StaleAfterVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return options;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ||
            seconds < 1 || seconds > TimeSpan.FromDays(1).TotalSeconds)
        {
            throw new PluginSyncException(
                "StaleAfterInvalid",
                PluginSyncErrorKind.InvalidArgument,
                $"{StaleAfterVariable} is '{text}'; it must be a number of seconds from 1 to 86400.",
                StaleAfterVariable);
        }

        options.StaleAfter = TimeSpan.FromSeconds(seconds);
        return options;
    }
}
