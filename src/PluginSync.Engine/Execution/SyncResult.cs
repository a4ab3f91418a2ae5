using System;
using System.Collections.Generic;
using PluginSync.Engine.History;

namespace PluginSync.Engine.Execution;

/// <summary>What one run of one plugin returned.</summary>
public sealed class SyncResult
{
    /// <summary>Whether the run succeeded.</summary>
    public bool Success => ErrorType == SyncErrorType.None;

    /// <summary>The plugin's name, as asked for when the plugin was not found.</summary>
    public string PluginName { get; internal set; } = "";

    /// <summary>The history record of the run, or null when the run never started.</summary>
    public long? SyncHistoryId { get; internal set; }

    /// <summary>How the history record was closed, or null when the run never started.</summary>
    public SyncStatus? Status { get; internal set; }

    /// <summary>Why the run did not succeed, or None.</summary>
    public SyncErrorType ErrorType { get; internal set; }

    /// <summary>The error message, with secrets masked; null on success.</summary>
    public string? Error { get; internal set; }

    /// <summary>How many attempts the run took, retries included; 0 when it never started.</summary>
    public int Attempts { get; internal set; }

    /// <summary>The plugin's note on success, if any.</summary>
    public string? Message { get; internal set; }

    /// <summary>Records looked at.</summary>
    public long Processed { get; internal set; }

    /// <summary>Records created.</summary>
    public long Created { get; internal set; }

    /// <summary>Records updated.</summary>
    public long Updated { get; internal set; }

    /// <summary>Records deleted.</summary>
    public long Deleted { get; internal set; }

    /// <summary>Records that failed.</summary>
    public long Failed { get; internal set; }

    /// <summary>Records skipped.</summary>
    public long Skipped { get; internal set; }

    /// <summary>When the run started (UTC).</summary>
    public DateTime StartTime { get; internal set; }

    /// <summary>When the run ended (UTC).</summary>
    public DateTime EndTime { get; internal set; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration => EndTime - StartTime;

    /// <summary>The values the plugin returned.</summary>
    public IReadOnlyDictionary<string, object?> Data { get; internal set; } = new Dictionary<string, object?>();

    /// <summary>
    /// The result of a run that the engine itself could not carry through (the store failed under it), so that a
    /// summary still counts it as Failed.
    /// </summary>
    public static SyncResult EngineFailure(string pluginName, string error, DateTime startTime) => new()
    {
        PluginName = pluginName,
        ErrorType = SyncErrorType.ExecutionError,
        Error = error,
        StartTime = startTime,
        EndTime = DateTime.UtcNow,
    };

    /// <inheritdoc />
    public override string ToString() => Success ? $"{PluginName}: succeeded" : $"{PluginName}: {ErrorType}";
}
