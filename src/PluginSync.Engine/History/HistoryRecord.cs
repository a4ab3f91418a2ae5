using System;

namespace PluginSync.Engine.History;

/// <summary>What one run left behind.</summary>
public sealed class HistoryRecord
{
    /// <summary>The record's id, made by the engine when the run starts.</summary>
    public long Id { get; internal set; }

    /// <summary>The plugin that ran.</summary>
    public string PluginName { get; internal set; } = "";

    /// <summary>Running until the run ends, then how it ended.</summary>
    public SyncStatus Status { get; internal set; }

    /// <summary>When the run started (UTC).</summary>
    public DateTime StartTime { get; internal set; }

    /// <summary>When the run ended (UTC), or null while it runs.</summary>
    public DateTime? EndTime { get; internal set; }

    /// <summary>How long the run took, or null while it runs.</summary>
    public TimeSpan? Duration => EndTime - StartTime;

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

    /// <summary>Why the run failed, with secrets masked; null when it did not fail.</summary>
    public string? ErrorMessage { get; internal set; }

    /// <summary>The machine the run ran on.</summary>
    public string Host { get; internal set; } = "";

    /// <summary>The user the run ran as.</summary>
    public string User { get; internal set; } = "";

    /// <summary>The id of the process that ran it.</summary>
    public int ProcessId { get; internal set; }

    /// <summary>When the running process last showed it was alive (UTC).</summary>
    public DateTime? Heartbeat { get; internal set; }

    /// <summary>How many attempts the run has started, retries included; written as each attempt starts.</summary>
    public int Attempts { get; internal set; }
}
