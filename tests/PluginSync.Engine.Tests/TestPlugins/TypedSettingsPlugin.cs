using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Tests.TestPlugins;

/// <summary>Declares one optional setting of every setting type, and a second, optional credential.</summary>
public sealed class TypedSettingsPlugin : TestPluginBase
{
    public TypedSettingsPlugin(string name = "typed")
        : base(name)
    {
    }

    public override IReadOnlyList<PluginCredential> Credentials { get; } = new[]
    {
        new PluginCredential("token", required: false),
    };

    public override IReadOnlyList<PluginSetting> Settings { get; } = new[]
    {
        new PluginSetting("text", SettingType.String),
        new PluginSetting("count", SettingType.Integer),
        new PluginSetting("flag", SettingType.Boolean),
        new PluginSetting("where", SettingType.Path),
        new PluginSetting(
            "mode", SettingType.String, defaultValue: "full", allowedValues: new object[] { "full", "delta" }),
    };

    public IReadOnlyDictionary<string, object?>? SeenSettings { get; private set; }

    public override Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        SeenSettings = context.Settings;
        return Task.FromResult(SyncOutcome.Succeeded());
    }
}
