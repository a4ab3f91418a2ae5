using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using PluginSync.Engine.Execution;

namespace PluginSync.Engine.Tests.Support;

/// <summary>An event sink that keeps every log line and progress report it receives, from any thread.</summary>
public sealed class RecordingEventSink : ISyncEventSink
{
    private readonly ConcurrentQueue<(string Plugin, SyncLogLevel Level, string Message)> _logs = new();
    private readonly ConcurrentQueue<(string Plugin, int Percent, string Status)> _progress = new();

    public IReadOnlyList<(string Plugin, SyncLogLevel Level, string Message)> Logs => _logs.ToList();

    public IReadOnlyList<(string Plugin, int Percent, string Status)> ProgressReports => _progress.ToList();

    /// <summary>Every text the sink received: log messages, progress statuses and plugin names.</summary>
    public IEnumerable<string> AllText =>
        _logs.SelectMany(l => new[] { l.Plugin, l.Message })
            .Concat(_progress.SelectMany(p => new[] { p.Plugin, p.Status }));

    public void Log(string pluginName, SyncLogLevel level, string message) =>
        _logs.Enqueue((pluginName, level, message));

    public void Progress(string pluginName, int percentComplete, string status) =>
        _progress.Enqueue((pluginName, percentComplete, status));
}
