using System;
using System.Linq;
using System.Management.Automation;
using PluginSync.Completers;
using PluginSync.Engine.Storage;
using PluginSync.Output;

namespace PluginSync.Commands;

/// <summary>Lists the plugins PluginSync can run: name, version, description, kind and source.</summary>
[Cmdlet(VerbsCommon.Get, "SyncPlugin")]
[OutputType(typeof(SyncPluginInfo))]
public sealed class GetSyncPluginCommand : PluginSyncCommandBase
{
    /// <summary>Plugin names or wildcard patterns; all plugins when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PluginName")]
    [AllowEmptyString]
    [ValidatePluginName(AllowWildcards = true)]
    [ArgumentCompleter(typeof(PluginNameCompleter))]
    public string[] Name { get; set; } = { "*" };

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var name in Name)
        {
            var pattern = new NamePattern(name);
            var matches = Registry.All.Where(p => pattern.IsMatch(p.Name)).ToList();
            if (matches.Count == 0 && !pattern.IsWildcard)
            {
                var known = string.Join(", ", Registry.All.Select(p => p.Name));
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"There is no plugin named '{name}'. Known plugins: {known}."),
                    "SyncPluginNotFound",
                    ErrorCategory.ObjectNotFound,
                    name));
                continue;
            }

            foreach (var match in matches)
            {
                WriteObject(new SyncPluginInfo(match));
            }
        }
    }
}
