using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>
/// A plugin whose one setting, <c>mode</c>, is checked against an allowed value that holds the check until the
/// test opens the gate: it freezes a configuration change half-way, after the configuration was read and before
/// it is written, so a test can show what another change does meanwhile.
/// </summary>
public sealed class GatedSettingPlugin : TestPluginBase
{
    public GatedSettingPlugin()
        : base("gated")
    {
        Settings = new[] { new PluginSetting("mode", SettingType.String, allowedValues: new object[] { Value }) };
    }

    /// <summary>The allowed value; its check waits at the gate.</summary>
    public GatedValue Value { get; } = new("on");

    public override IReadOnlyList<PluginSetting> Settings { get; }

    public override Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken) =>
        Task.FromResult(SyncOutcome.Succeeded());
}

/// <summary>A value whose text is given only once the gate is open; it signals when someone is waiting.</summary>
public sealed class GatedValue
{
    private readonly string _text;

    public GatedValue(string text) => _text = text;

    public ManualResetEventSlim Reached { get; } = new();

    public ManualResetEventSlim Gate { get; } = new();

    public override string ToString()
    {
        Reached.Set();
        Gate.Wait();
        return _text;
    }
}
