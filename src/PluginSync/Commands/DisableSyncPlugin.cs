using System.Management.Automation;
using PluginSync.Engine.Configuration;

namespace PluginSync.Commands;

/// <summary>Disables a plugin's configuration: Invoke-PluginSync then skips it as NotEnabled.</summary>
[Cmdlet(VerbsLifecycle.Disable, "SyncPlugin", SupportsShouldProcess = true)]
[OutputType(typeof(PluginConfiguration))]
public sealed class DisableSyncPluginCommand : EnablementCommandBase
{
    /// <inheritdoc />
    protected override bool TargetState => false;
}
