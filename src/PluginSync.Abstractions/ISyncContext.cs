using System.Collections.Generic;

namespace PluginSync;

/// <summary>What the engine hands a plugin for one run.</summary>
public interface ISyncContext
{
    /// <summary>The name of the plugin being run.</summary>
    string PluginName { get; }

    /// <summary>The id of the history record the engine opened for this run.</summary>
    long HistoryId { get; }

    /// <summary>The configuration's credentials, decrypted, by key name. Never log these values.</summary>
    IReadOnlyDictionary<string, string> Credentials { get; }

    /// <summary>
    /// The configuration's settings with defaults applied, by name. Values have the declared type:
    /// <see cref="long"/> for integers, <see cref="bool"/> for booleans, <see cref="string"/> otherwise.
    /// </summary>
    IReadOnlyDictionary<string, object?> Settings { get; }

    /// <summary>The run's counters. Safe to update from several threads.</summary>
    SyncCounters Counters { get; }

    /// <summary>The state the last successful run saved, or null on a first run.</summary>
    string? PreviousState { get; }

    /// <summary>
    /// Sets the state to save for the next run. The engine saves it only when this run succeeds,
    /// so a failed, cancelled or timed-out run never moves the bookmark forward.
    /// </summary>
    void SetState(string? state);

    /// <summary>Writes a log line. Verbose lines reach PowerShell's verbose stream, warnings its warning
    /// stream. Credential values in the message are masked.</summary>
    void Log(SyncLogLevel level, string message);

    /// <summary>Reports progress of the run.</summary>
    /// <param name="percentComplete">0 to 100, or -1 when unknown.</param>
    /// <param name="status">What the plugin is doing now.</param>
    void ReportProgress(int percentComplete, string status);
}
