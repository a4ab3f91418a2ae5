using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using PluginSync.Engine.Plugins;

namespace PluginSync.Commands;

/// <summary>Registers a plugin directory in the store, so every command and process sees its plugins.</summary>
[Cmdlet(VerbsLifecycle.Register, "SyncPlugin", SupportsShouldProcess = true)]
[OutputType(typeof(Output.SyncPluginInfo))]
public sealed class RegisterSyncPluginCommand : PluginSyncCommandBase
{
    private readonly List<string> _registered = new();

    /// <summary>The directory that holds plugins: <c>*.plugin.ps1</c> scripts and .NET assemblies.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; } = Array.Empty<string>();

    /// <summary>Returns the plugins found in the directory.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        foreach (var given in Path)
        {
            var directory = ResolvePath(given);
            if (!Directory.Exists(directory))
            {
                var problem = File.Exists(directory) ? "is a file, not a directory" : "does not exist";
                WriteError(new ErrorRecord(
                    new DirectoryNotFoundException(
                        $"The plugin directory '{directory}' {problem}. Give the path of a directory that holds " +
                        "*.plugin.ps1 scripts or plugin assemblies."),
                    "PluginDirectoryNotFound",
                    ErrorCategory.ObjectNotFound,
                    given));
                continue;
            }

            if (!ShouldProcess(directory, "Register plugin directory"))
            {
                continue;
            }

            var added = Store.PluginPaths.Add(directory);
            WriteVerbose(added
                ? $"Registered the plugin directory '{directory}'."
                : $"The plugin directory '{directory}' was registered already.");
            if (PassThru && !_registered.Contains(directory))
            {
                _registered.Add(directory);
            }
        }
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        try
        {
            // Listed only now: the registry loads once per command, and must see every directory registered here.
            foreach (var directory in _registered)
            {
                WriteFound(directory);
            }
        }
        finally
        {
            base.EndProcessing();
        }
    }

    private void WriteFound(string directory)
    {
        var prefix = System.IO.Path.GetFullPath(directory)
            .TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar) +
            System.IO.Path.DirectorySeparatorChar;
        var comparison = System.IO.Path.DirectorySeparatorChar == '\\'
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        foreach (var plugin in Registry.All)
        {
            // A plugin of this directory, not of a sibling whose name begins with this one's.
            if (plugin.Source.StartsWith(prefix, comparison))
            {
                WriteObject(new Output.SyncPluginInfo(plugin));
            }
        }
    }
}
