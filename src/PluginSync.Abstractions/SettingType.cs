namespace PluginSync;

/// <summary>The type of a plugin setting. Values given as text are converted when the conversion is exact.</summary>
public enum SettingType
{
    /// <summary>Any text.</summary>
    String,

    /// <summary>A whole number (64-bit).</summary>
    Integer,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A file or folder path, stored as text.</summary>
    Path,
}
