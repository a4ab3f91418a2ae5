using System.Collections.Generic;
using System.Linq;

namespace PluginSync.Engine.History;

/// <summary>What clearing history removed, and how much smaller the store file became.</summary>
public sealed class HistoryClearResult
{
    /// <summary>The outcome of removing records by <paramref name="rule"/>, with the store's size around it.
    /// </summary>
    public HistoryClearResult(string rule, IReadOnlyList<HistoryRemoval> plugins, long sizeBefore, long sizeAfter)
    {
        Rule = rule;
        Plugins = plugins;
        SizeBefore = sizeBefore;
        SizeAfter = sizeAfter;
    }

    /// <summary>Which records were removed, in words.</summary>
    public string Rule { get; }

    /// <summary>Records removed, over every plugin.</summary>
    public long Removed => Plugins.Sum(p => p.Removed);

    /// <summary>The plugins whose records were removed.</summary>
    public string[] PluginName => Plugins.Where(p => p.Removed > 0).Select(p => p.PluginName).ToArray();

    /// <summary>Each plugin's count of removed and remaining records.</summary>
    public IReadOnlyList<HistoryRemoval> Plugins { get; }

    /// <summary>The size in bytes of the store file and its log file before anything was removed.</summary>
    public long SizeBefore { get; }

    /// <summary>The size in bytes of the store file and its log file after the removal and compaction.</summary>
    public long SizeAfter { get; }
}
