using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>What every test plugin shares: a name, a version, and by default no credentials and no settings.</summary>
public abstract class TestPluginBase : ISyncPlugin
{
    protected TestPluginBase(string name) => Name = name;

    public string Name { get; }

    public Version Version { get; } = new(0, 0, 1);

    public string Description => $"Test plugin '{Name}'.";

    public virtual IReadOnlyList<PluginCredential> Credentials { get; } = Array.Empty<PluginCredential>();

    public virtual IReadOnlyList<PluginSetting> Settings { get; } = Array.Empty<PluginSetting>();

    public abstract Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken);
}
