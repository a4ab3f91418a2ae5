using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace PluginSync.Engine.Plugins.BuiltIn;

/// <summary>
/// The reference plugin. It needs an <c>api_key</c> credential, reads a <c>batch_size</c> setting, and syncs a
/// fixed set of sample records in batches. Its state remembers which record versions it has synced, so a first
/// run creates every record and later runs skip them as unchanged.
/// </summary>
public sealed class ExamplePlugin : ISyncPlugin
{
    /// <summary>The sample records: an id and a version each.</summary>
    internal static readonly IReadOnlyList<(string Id, int Version)> SampleRecords =
        Enumerable.Range(1, 25).Select(i => ($"record-{i:D3}", 1)).ToList();

    public string Name => "example";

    public Version Version { get; } = new(1, 0, 0);

    public string Description => "The reference plugin: syncs a fixed set of sample records in batches.";

    public IReadOnlyList<PluginCredential> Credentials { get; } = new[]
    {
        new PluginCredential("api_key", required: true, description: "The key of the (sample) API."),
    };

    public IReadOnlyList<PluginSetting> Settings { get; } = new[]
    {
        new PluginSetting(
            "batch_size", SettingType.Integer, defaultValue: 100L, description: "Records per batch.",
            minimum: 1, maximum: 10000),
        new PluginSetting(
            "delay_ms", SettingType.Integer, defaultValue: 0L,
            description: "A pause after each batch, in milliseconds, to stand in for a slow API.",
            minimum: 0, maximum: 600000),
    };

    public async Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        var batchSize = (int)(long)context.Settings["batch_size"]!;
        var delay = TimeSpan.FromMilliseconds((long)context.Settings["delay_ms"]!);
        var synced = ParseState(context.PreviousState);
        var batches = 0;

        foreach (var batch in SampleRecords.Select((r, i) => (r, i)).GroupBy(x => x.i / batchSize, x => x.r))
        {
            cancellationToken.ThrowIfCancellationRequested();
            batches++;
            foreach (var (id, version) in batch)
            {
                context.Counters.AddProcessed();
                if (!synced.TryGetValue(id, out var known))
                {
                    context.Counters.AddCreated();
                }
                else if (known != version)
                {
                    context.Counters.AddUpdated();
                }
                else
                {
                    context.Counters.AddSkipped();
                    continue;
                }

                synced[id] = version;
            }

            context.Log(SyncLogLevel.Verbose, $"Synced batch {batches} of {batch.Count()} records.");
            context.ReportProgress(
                (int)(context.Counters.Processed * 100 / SampleRecords.Count), $"Batch {batches}");
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        context.SetState(string.Join(";", synced.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
        var data = new Dictionary<string, object?> { ["Batches"] = batches, ["BatchSize"] = batchSize };
        return SyncOutcome.Succeeded(data);
    }

    private static Dictionary<string, int> ParseState(string? state)
    {
        var synced = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in (state ?? "").Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('=');
            if (parts.Length == 2 && int.TryParse(parts[1], out var version))
            {
                synced[parts[0]] = version;
            }
        }

        return synced;
    }
}
