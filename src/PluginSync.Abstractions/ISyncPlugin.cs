using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync;

/// <summary>
/// A sync plugin: code that pulls data from one system and writes it into another.
/// The engine validates the plugin's configuration against what it declares here before it calls
/// <see cref="SyncAsync"/>, so a plugin can rely on every required credential and setting being present.
/// </summary>
public interface ISyncPlugin
{
    /// <summary>The plugin's unique name: 1 to 64 letters, digits, '-', '_' or '.', starting with a letter
    /// or digit. Names are compared without regard to case.</summary>
    string Name { get; }

    /// <summary>The plugin's version, shown by <c>Get-SyncPlugin</c>.</summary>
    Version Version { get; }

    /// <summary>One sentence that says what the plugin syncs, from where, to where.</summary>
    string Description { get; }

    /// <summary>The credential keys the plugin reads. An empty list is allowed.</summary>
    IReadOnlyList<PluginCredential> Credentials { get; }

    /// <summary>The settings the plugin accepts. Settings not listed here are refused.</summary>
    IReadOnlyList<PluginSetting> Settings { get; }

    /// <summary>
    /// Runs one sync. Report counts through <see cref="ISyncContext.Counters"/>, and return an outcome.
    /// A thrown exception is recorded as a failed run with the exception's message.
    /// </summary>
    /// <param name="context">The run's credentials, settings, counters, state, log and progress.</param>
    /// <param name="cancellationToken">Fires when the run is cancelled or times out; stop promptly.</param>
    Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken);
}
