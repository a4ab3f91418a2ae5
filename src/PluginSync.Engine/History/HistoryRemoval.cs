namespace PluginSync.Engine.History;

/// <summary>How many of one plugin's history records retention removes, or removed, and how many stay.</summary>
public sealed class HistoryRemoval
{
    /// <summary>The plugin.</summary>
    public string PluginName { get; internal set; } = "";

    /// <summary>Closed records removed (or, before the removal, to be removed).</summary>
    public long Removed { get; internal set; }

    /// <summary>Closed records left afterwards. Running records are neither removed nor counted.</summary>
    public long Remaining { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"{PluginName}: {Removed}";
}
