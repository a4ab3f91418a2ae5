using System;
using System.IO;
using System.Management.Automation;
using PluginSync.Engine.Plugins;

namespace PluginSync.Commands;

/// <summary>Registers a plugin directory in the store, so every command and process sees its plugins.</summary>
[Cmdlet(VerbsLifecycle.Register, "SyncPlugin", SupportsShouldProcess = true)]
[OutputType(typeof(Output.SyncPluginInfo))]
public sealed class RegisterSyncPluginCommand : PluginSyncCommandBase
{
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
            if (PassThru)
            {
                WriteFound(directory);
            }
        }
    }

    private void WriteFound(string directory)
    {
        var prefix = directory.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
        foreach (var plugin in Registry.All)
        {
            if (plugin.Source.StartsWith(prefix, StringComparison.Ordinal))
            {
                WriteObject(new Output.SyncPluginInfo(plugin));
            }
        }
    }
}
