using System;
using System.Management.Automation;
using PluginSync.Completers;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Errors;

namespace PluginSync.Commands;

/// <summary>What Enable-SyncPlugin and Disable-SyncPlugin share: they differ only in the flag they set.</summary>
public abstract class EnablementCommandBase : PluginSyncCommandBase
{
    /// <summary>The configurations to change.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Returns the changed configuration.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The value the command sets.</summary>
    protected abstract bool TargetState { get; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var action = TargetState ? "Enable" : "Disable";
        foreach (var name in Name)
        {
            if (!ShouldProcess(name, $"{action} plugin"))
            {
                continue;
            }

            try
            {
                var saved = new ConfigurationService(Store, Registry).SetEnabled(name, TargetState);
                WriteVerbose($"{action}d '{saved.Name}'.");
                if (PassThru)
                {
                    WriteObject(saved);
                }
            }
            catch (PluginSyncException e)
            {
                WriteEngineError(e);
            }
        }
    }
}
