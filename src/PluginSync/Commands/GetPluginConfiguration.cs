using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PluginSync.Completers;
using PluginSync.Engine.Configuration;
using PluginSync.Engine.Storage;

namespace PluginSync.Commands;

/// <summary>Lists stored configurations. Credentials are shown by key name only.</summary>
[Cmdlet(VerbsCommon.Get, "PluginConfiguration")]
[OutputType(typeof(PluginConfiguration))]
public sealed class GetPluginConfigurationCommand : PluginSyncCommandBase
{
    /// <summary>Plugin names or wildcard patterns; every configuration when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName(AllowWildcards = true)]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[] Name { get; set; } = { "*" };

    /// <summary>Returns only enabled configurations.</summary>
    [Parameter]
    public SwitchParameter Enabled { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        IReadOnlyList<PluginConfiguration> all =
            StoreExists ? Store.Configurations.All() : Array.Empty<PluginConfiguration>();
        foreach (var name in Name)
        {
            var pattern = new NamePattern(name);
            var matches = all.Where(c => pattern.IsMatch(c.Name)).ToList();
            if (matches.Count == 0 && !pattern.IsWildcard)
            {
                var hint = Registry.Find(name) is null
                    ? $"There is no plugin named '{name}' either; Get-SyncPlugin lists the plugins."
                    : $"Create one with Set-PluginConfiguration -Name {name}.";
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"There is no configuration for '{name}'. {hint}"),
                    "ConfigurationNotFound",
                    ErrorCategory.ObjectNotFound,
                    name));
                continue;
            }

            foreach (var configuration in matches.Where(c => !Enabled || c.Enabled))
            {
                WriteObject(configuration);
            }
        }
    }
}
