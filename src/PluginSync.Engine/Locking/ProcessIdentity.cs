using System;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;

namespace PluginSync.Engine.Locking;

/// <summary>
/// Who runs a sync: the host, the process id and the process's start time. Process ids are reused, so an id
/// alone cannot tell whether the process that opened a run is still alive; the id with its start time can.
/// </summary>
public sealed class ProcessIdentity
{
    private static readonly TimeSpan StartTimeTolerance = TimeSpan.FromSeconds(1);
    private static readonly Lazy<ProcessIdentity> CurrentIdentity = new(ReadCurrent);

    public ProcessIdentity(string host, int processId, DateTime? startTime)
    {
        Host = host;
        ProcessId = processId;
        StartTime = startTime;
    }

    /// <summary>This process.</summary>
    public static ProcessIdentity Current => CurrentIdentity.Value;

    /// <summary>The machine name.</summary>
    public string Host { get; }

    /// <summary>The process id.</summary>
    public int ProcessId { get; }

    /// <summary>When the process started (UTC), or null when it could not be read.</summary>
    public DateTime? StartTime { get; }

    /// <summary>
    /// Whether the process is known to have ended: true only when it runs on this host and no process with its
    /// id and start time exists. A process on another host is never known to have ended; its heartbeat decides.
    /// </summary>
    public bool IsKnownToHaveEnded()
    {
        if (!string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(ProcessId);
            if (process.HasExited || IsZombie(ProcessId))
            {
                return true;
            }

            var started = process.StartTime.ToUniversalTime();
            return StartTime is { } expected && (started - expected).Duration() > StartTimeTolerance;
        }
        catch (ArgumentException)
        {
            return true; // no process has this id
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            return false; // the process exists but cannot be inspected; let the heartbeat decide
        }
    }

    /// <summary>
    /// On Linux a killed process whose parent has not yet reaped it still has its id and start time, but it is a
    /// zombie: it runs nothing and will never close its run.
    /// </summary>
    private static bool IsZombie(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var afterName = stat.LastIndexOf(')');
            var state = afterName >= 0 && afterName + 2 < stat.Length ? stat[afterName + 2] : '?';
            return state is 'Z' or 'X';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // no /proc (Windows, macOS) or no access: the other checks decide
        }
    }

    /// <summary>Whether the process runs on this machine, where its liveness can be checked directly.</summary>
    public bool IsOnThisHost => string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"process {ProcessId} on {Host}";

    private static ProcessIdentity ReadCurrent()
    {
        using var process = Process.GetCurrentProcess();
        DateTime? started;
        try
        {
            started = process.StartTime.ToUniversalTime();
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            started = null;
        }

        return new ProcessIdentity(Environment.MachineName, process.Id, started);
    }
}
