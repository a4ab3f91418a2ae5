using System;
using System.Management.Automation;
using PluginSync.Completers;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;

namespace PluginSync.Commands;

/// <summary>Deletes a plugin's configuration, credentials and state. Its history stays.</summary>
[Cmdlet(VerbsCommon.Remove, "PluginConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemovePluginConfigurationCommand : PluginSyncCommandBase
{
    /// <summary>The configurations to delete.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var name in Name)
        {
            if (!ShouldProcess(name, "Remove configuration, credentials and state"))
            {
                continue;
            }

            try
            {
                new ConfigurationService(Store, Registry).Remove(name);
                WriteVerbose($"Removed the configuration of '{name}'.");
            }
            catch (PluginSyncException e)
            {
                WriteEngineError(e);
            }
        }
    }
}
