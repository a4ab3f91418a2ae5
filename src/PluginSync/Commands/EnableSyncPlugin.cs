using System.Management.Automation;
using PluginSync.Engine.Configuration;

namespace PluginSync.Commands;

/// <summary>Enables a plugin's configuration, so Invoke-PluginSync runs it.</summary>
[Cmdlet(VerbsLifecycle.Enable, "SyncPlugin", SupportsShouldProcess = true)]
[OutputType(typeof(PluginConfiguration))]
public sealed class EnableSyncPluginCommand : EnablementCommandBase
{
    /// <inheritdoc />
    protected override bool TargetState => true;
}
