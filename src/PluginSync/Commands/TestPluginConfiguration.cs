using System;
using System.Linq;
using System.Management.Automation;
using PluginSync.Completers;
using PluginSync.Engine.Errors;
using PluginSync.Engine.Execution;

namespace PluginSync.Commands;

/// <summary>
/// Runs the checks a sync makes before it starts, and the plugin's own connection check, without running a sync
/// or writing anything. Returns one object per check.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PluginConfiguration")]
[OutputType(typeof(PluginCheckResult), typeof(bool))]
public sealed class TestPluginConfigurationCommand : PluginSyncCommandBase
{
    /// <summary>The configurations to check.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[] Name { get; set; } = Array.Empty<string>();

    /// <summary>Returns $true when every check of a configuration passed, else $false, instead of the checks.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var name in Name)
        {
            try
            {
                var checks = new ConfigurationChecker(StoreExists ? Store : null, Registry)
                    .CheckAsync(name, CancellationToken).GetAwaiter().GetResult();
                WriteVerbose($"Ran {checks.Count} checks of '{name}'; {checks.Count(c => !c.Passed)} failed.");
                if (Quiet)
                {
                    WriteObject(checks.All(c => c.Passed));
                    continue;
                }

                WriteObject(checks, enumerateCollection: true);
            }
            catch (PluginSyncException e)
            {
                WriteEngineError(e);
            }
        }
    }
}
