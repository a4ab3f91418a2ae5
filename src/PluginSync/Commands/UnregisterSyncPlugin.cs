using System;
using System.Management.Automation;

namespace PluginSync.Commands;

/// <summary>Removes a plugin directory from the store. The plugins' configurations and history stay.</summary>
[Cmdlet(VerbsLifecycle.Unregister, "SyncPlugin", SupportsShouldProcess = true)]
[OutputType(typeof(void))]
public sealed class UnregisterSyncPluginCommand : PluginSyncCommandBase
{
    /// <summary>The registered directory to remove.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var given in Path)
        {
            var directory = ResolvePath(given);
            if (!ShouldProcess(directory, "Unregister plugin directory"))
            {
                continue;
            }

            if (!StoreExists || !Store.PluginPaths.Remove(directory))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException(
                        $"The plugin directory '{directory}' is not registered. Get-SyncPlugin lists each plugin's " +
                        "source."),
                    "PluginDirectoryNotRegistered",
                    ErrorCategory.ObjectNotFound,
                    given));
                continue;
            }

            WriteVerbose($"Unregistered the plugin directory '{directory}'.");
        }
    }
}
