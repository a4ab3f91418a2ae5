using System;
using PluginSync.Engine.History;

namespace PluginSync.Engine.Reporting;

/// <summary>One run that did not complete, as the report lists it.</summary>
public sealed class ReportFailure
{
    /// <summary>The plugin that ran.</summary>
    public string PluginName { get; internal set; } = "";

    /// <summary>When the run started (UTC).</summary>
    public DateTime StartTime { get; internal set; }

    /// <summary>How the run ended: Failed, TimedOut, Cancelled or Abandoned.</summary>
    public SyncStatus Status { get; internal set; }

    /// <summary>The id of the run's history record.</summary>
    public long HistoryId { get; internal set; }

    /// <summary>Why the run failed, with every known secret value masked; empty when no message was recorded.</summary>
    public string ErrorMessage { get; internal set; } = "";
}
