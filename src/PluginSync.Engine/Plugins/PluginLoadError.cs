namespace PluginSync.Engine.Plugins;

/// <summary>A plugin that could not be loaded, and why. The other plugins load regardless.</summary>
public sealed class PluginLoadError
{
    public PluginLoadError(string source, string message)
    {
        Source = source;
        Message = message;
    }

    /// <summary>The file or directory that failed.</summary>
    public string Source { get; }

    /// <summary>What went wrong, and what to do about it.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Source}: {Message}";
}
