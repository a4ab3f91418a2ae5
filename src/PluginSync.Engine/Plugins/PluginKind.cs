namespace PluginSync.Engine.Plugins;

/// <summary>Where a plugin's code comes from.</summary>
public enum PluginKind
{
    /// <summary>Shipped inside the module.</summary>
    BuiltIn,

    /// <summary>A .NET assembly in a plugin directory.</summary>
    Assembly,

    /// <summary>A PowerShell script (<c>*.plugin.ps1</c>) in a plugin directory.</summary>
    Script,
}
