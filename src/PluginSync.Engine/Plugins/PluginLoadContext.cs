using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace PluginSync.Engine.Plugins;

/// <summary>
/// The load context of one assembly plugin on PowerShell 7: the plugin and the dependencies in its folder load
/// here, so two plugins can bring different versions of the same dependency. The plugin contract is not loaded
/// here but shared from the engine's context, so the plugin's types are the engine's types.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private static readonly string ContractName = typeof(ISyncPlugin).Assembly.GetName().Name!;

    private readonly string _folder;

    public PluginLoadContext(string folder) => _folder = folder;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == ContractName)
        {
            return null;
        }

        var candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}
