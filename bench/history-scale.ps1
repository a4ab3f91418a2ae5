<#
.SYNOPSIS
    History at scale: builds a store with many history records and times the history and statistics commands.
.DESCRIPTION
    Builds a fresh store in a temporary folder with -Records history records spread over -Plugins plugins and
    -Days days up to now, written straight into the store file with LiteDB in large transactions (in start
    time order, as runs write them). The first command that opens the store then builds the daily rollups, as
    for any store written before rollups existed.

    In this one warm session it then times, as the median of -Repeat runs after a warm-up:
      - Get-SyncHistory -Name <plugin> -Last 20            target: under 50 ms
      - Get-SyncStatistics                                 target: under 2 s
      - Get-SyncStatistics -After (30 days ago)            target: under 2 s
    and, as baselines for what the rollups and the newest-first index buy:
      - Get-SyncHistory | Measure-Object, every record through the pipeline (left out with -SkipPipelineScan,
        since it holds every record in memory: about 1.5 GB for a million);
      - the same statistics worked out exactly from every history record, read with LiteDB in one full scan;
      - the newest 20 records of the plugin read the way history was read before the newest-first index
        (by the plugin key index, sorted by id by LiteDB).
    It also checks the figures: runs per plugin against what was written, and the median and 95th percentile
    against the exact ones from the full scan (they must agree within 2.5%).

    It prints each figure with its target and pass or fail, the store file's size, and exits 1 when a target
    or a check failed. Build the module first (./build.ps1 Build).
.EXAMPLE
    dotnet pwsh ./bench/history-scale.ps1 -Records 100000
#>
param(
    [ValidateRange(1000, 100000000)]
    [int] $Records = 1000000,

    [ValidateRange(1, 100)]
    [int] $Plugins = 8,

    [ValidateRange(31, 3650)]
    [int] $Days = 365,

    [ValidateRange(3, 101)]
    [int] $Repeat = 9,

    # Keep the store folder afterwards (it is printed).
    [switch] $Keep,

    # Leave out the Get-SyncHistory | Measure-Object baseline.
    [switch] $SkipPipelineScan
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path $PSScriptRoot -Parent
$work = Join-Path ([IO.Path]::GetTempPath()) ('pluginsync-scale-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
$previousHome = $env:PLUGINSYNC_HOME
$env:PLUGINSYNC_HOME = $work

# Writes and reads history with LiteDB directly: the bulk writer, and the two baselines. The documents have the
# fields the engine writes when it opens and closes a run.
$helper = @'
using System;
using System.Collections.Generic;
using System.Linq;
using LiteDB;

public static class HistoryScaleBench
{
    static readonly string[] Statuses = { "Completed", "Failed", "TimedOut", "Cancelled", "Abandoned" };

    public static Dictionary<string, long> Write(
        string path, int records, string[] plugins, DateTime first, DateTime last, int batch)
    {
        var random = new Random(20240501);
        var written = plugins.ToDictionary(p => p, p => 0L);
        var step = (last - first).Ticks / records;
        var connection = new ConnectionString { Filename = path, Connection = ConnectionType.Shared };
        using (var db = new LiteDatabase(connection))
        {
            var history = db.GetCollection("history", BsonAutoId.Int64);
            for (var start = 0; start < records; start += batch)
            {
                db.BeginTrans();
                var documents = new List<BsonDocument>(batch);
                for (var i = start; i < Math.Min(records, start + batch); i++)
                {
                    var p = random.Next(plugins.Length);
                    var name = plugins[p];
                    written[name]++;
                    var begin = new DateTime(first.Ticks + i * step, DateTimeKind.Utc);
                    begin = begin.AddTicks(-(begin.Ticks % TimeSpan.TicksPerMillisecond));
                    var roll = random.Next(100);
                    var status = roll < 92 ? 0 : roll < 96 ? 1 : roll < 98 ? 2 : roll < 99 ? 3 : 4;
                    // Each plugin has its own typical duration, from 50 ms up, spread log-normally around it.
                    var gauss = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) *
                        Math.Cos(2 * Math.PI * random.NextDouble());
                    var milliseconds = Math.Round(50 * Math.Pow(3, p % 8) * Math.Exp(0.8 * gauss));
                    var end = begin.AddMilliseconds(Math.Max(0, milliseconds));
                    var processed = (long)random.Next(0, 500);
                    documents.Add(new BsonDocument
                    {
                        ["PluginName"] = name,
                        ["PluginKey"] = name.ToLowerInvariant(),
                        ["Status"] = Statuses[status],
                        ["StartTime"] = begin,
                        ["EndTime"] = end,
                        ["Heartbeat"] = end,
                        ["Host"] = "bench",
                        ["User"] = "bench",
                        ["ProcessId"] = 1,
                        ["ProcessStart"] = BsonValue.Null,
                        ["Attempts"] = 1,
                        ["ErrorMessage"] = status == 0 ? BsonValue.Null : new BsonValue("The run failed."),
                        ["Processed"] = processed,
                        ["Created"] = processed / 10,
                        ["Updated"] = processed / 5,
                        ["Deleted"] = 0L,
                        ["Failed"] = status == 0 ? 0L : 1L,
                        ["Skipped"] = processed - processed / 10 - processed / 5,
                    });
                }

                history.Insert(documents);
                db.Commit();
            }

            db.Checkpoint();
        }

        return written;
    }

    /// The statistics worked out from every record in one full scan: runs, and exact median and p95 durations.
    public static Dictionary<string, double[]> FullScan(string path, DateTime? after)
    {
        var durations = new Dictionary<string, List<double>>();
        var runs = new Dictionary<string, long>();
        var connection = new ConnectionString { Filename = path, Connection = ConnectionType.Shared, ReadOnly = true };
        using (var db = new LiteDatabase(connection))
        {
            foreach (var d in db.GetCollection("history").FindAll())
            {
                var status = d["Status"].AsString;
                var start = d["StartTime"].AsDateTime.ToUniversalTime();
                if (status == "Running" || (after.HasValue && start < after.Value))
                {
                    continue;
                }

                var key = d["PluginKey"].AsString;
                runs[key] = (runs.TryGetValue(key, out var n) ? n : 0) + 1;
                if (status == "Abandoned")
                {
                    continue;
                }

                if (!durations.TryGetValue(key, out var list))
                {
                    durations[key] = list = new List<double>();
                }

                list.Add((d["EndTime"].AsDateTime.ToUniversalTime() - start).TotalMilliseconds);
            }
        }

        return runs.ToDictionary(r => r.Key, r =>
        {
            var sorted = durations[r.Key].OrderBy(x => x).ToList();
            Func<int, double> rank = percent => sorted[(int)Math.Max(1, (sorted.Count * (long)percent + 99) / 100) - 1];
            return new[] { r.Value, rank(50), rank(95) };
        });
    }

    /// The newest records of one plugin as history was read before the newest-first index: by the plugin key
    /// index, with LiteDB sorting the plugin's records by id.
    public static int NewestBySorting(string path, string key, int last)
    {
        var connection = new ConnectionString { Filename = path, Connection = ConnectionType.Shared, ReadOnly = true };
        using (var db = new LiteDatabase(connection))
        {
            return db.GetCollection("history").Query()
                .Where(Query.In("PluginKey", new BsonValue(key)))
                .OrderByDescending("_id")
                .Limit(last)
                .ToList()
                .Count;
        }
    }
}
'@

function Measure-Median {
    <# Runs the script block -Count times and returns the median time in milliseconds. #>
    param([scriptblock] $Script, [int] $Count)

    $times = foreach ($i in 1..$Count) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Script
        $clock.Stop()
        $clock.Elapsed.TotalMilliseconds
    }

    @($times | Sort-Object)[[int][Math]::Floor($Count / 2)]
}

function Format-Size([long] $Bytes) {
    if ($Bytes -ge 1GB) { return '{0:N2} GiB' -f ($Bytes / 1GB) }
    '{0:N1} MiB' -f ($Bytes / 1MB)
}

try {
    Import-Module (Join-Path $root 'PluginSync.psd1') -Force

    # A real store, made by the module, with one configuration and one real run of each kind of outcome.
    Set-PluginConfiguration -Name example -Enabled -Secret @{ api_key = 'bench' } | Out-Null
    $storeFile = Join-Path $work 'pluginsync.db'
    $liteDb = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'LiteDB' } |
        Select-Object -First 1
    $references = @($liteDb.Location, 'System.Linq', 'System.Linq.Expressions', 'System.Collections', 'System.Runtime',
        'netstandard')
    Add-Type -TypeDefinition $helper -ReferencedAssemblies $references -WarningAction SilentlyContinue

    $names = 1..$Plugins | ForEach-Object { 'plugin{0:00}' -f $_ }
    $last = [DateTime]::UtcNow.AddMinutes(-5)
    $first = $last.AddDays(-$Days)
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $written = [HistoryScaleBench]::Write($storeFile, $Records, [string[]]$names, $first, $last, 50000)
    $insertSeconds = $clock.Elapsed.TotalSeconds

    # The first command that opens the store builds the rollups from every record.
    $clock.Restart()
    $null = Get-SyncStatistics -Name nosuch
    $rollupSeconds = $clock.Elapsed.TotalSeconds

    $target = $names[2]
    $thirtyDaysAgo = (Get-Date).AddDays(-30)
    $figures = [ordered]@{
        last20 = Measure-Median { Get-SyncHistory -Name $target -Last 20 } ($Repeat + 1)
        statistics = Measure-Median { Get-SyncStatistics } ([Math]::Max(3, [int]($Repeat / 2)))
        after = Measure-Median { Get-SyncStatistics -After $thirtyDaysAgo } ([Math]::Max(3, [int]($Repeat / 2)))
    }

    # Correctness: the rollups agree with what was written and with the exact figures from every record.
    $statistics = @(Get-SyncStatistics)
    $recent = @(Get-SyncStatistics -After $thirtyDaysAgo)
    $clock.Restart()
    $exact = [HistoryScaleBench]::FullScan($storeFile, $null)
    $scanMilliseconds = $clock.Elapsed.TotalMilliseconds
    $exactRecent = [HistoryScaleBench]::FullScan($storeFile, $thirtyDaysAgo.ToUniversalTime())
    $sortedMilliseconds = Measure-Median { [HistoryScaleBench]::NewestBySorting($storeFile, $target, 20) } 3
    $newest = @(Get-SyncHistory -Name $target -Last 20)
    $pipelineMilliseconds = $null
    if (-not $SkipPipelineScan) {
        $clock.Restart()
        $null = Get-SyncHistory | Measure-Object
        $pipelineMilliseconds = $clock.Elapsed.TotalMilliseconds
    }

    $worst = 0.0
    $problems = [Collections.Generic.List[string]]::new()
    foreach ($set in @(@{ Found = $statistics; Exact = $exact }, @{ Found = $recent; Exact = $exactRecent })) {
        foreach ($entry in $set.Found) {
            $truth = $set.Exact[$entry.PluginName]
            if ($entry.Runs -ne $truth[0]) {
                $problems.Add("$($entry.PluginName): $($entry.Runs) runs, not $($truth[0])")
            }
            foreach ($pair in @(@($entry.MedianDuration, $truth[1]), @($entry.P95Duration, $truth[2]))) {
                $relative = [Math]::Abs($pair[0].TotalMilliseconds - $pair[1]) / [Math]::Max($pair[1], 1)
                $worst = [Math]::Max($worst, $relative)
            }
        }
        if ($set.Found.Count -ne $set.Exact.Count) {
            $problems.Add("$($set.Found.Count) plugins, not $($set.Exact.Count)")
        }
    }
    foreach ($name in $names) {
        $counted = @($statistics | Where-Object PluginName -EQ $name)
        if ($counted.Count -ne 1 -or $counted[0].Runs -ne $written[$name]) {
            $problems.Add("$name was not counted as written")
        }
    }
    if ($worst -gt 0.025) { $problems.Add(('a percentile is {0:P2} off' -f $worst)) }
    $ids = @($newest | ForEach-Object Id)
    if ($ids.Count -ne 20 -or (Compare-Object $ids ($ids | Sort-Object -Descending) -SyncWindow 0)) {
        $problems.Add('the newest 20 records are not 20, newest first')
    }

    $size = (Get-Item $storeFile).Length
    $logFile = Join-Path $work 'pluginsync-log.db'
    if (Test-Path $logFile) { $size += (Get-Item $logFile).Length }
    $pluginsCounted = ($statistics | Measure-Object).Count

    $rows = @(
        [pscustomobject]@{ What = "Get-SyncHistory -Name $target -Last 20"; Ms = $figures.last20; Target = 50 }
        [pscustomobject]@{ What = 'Get-SyncStatistics'; Ms = $figures.statistics; Target = 2000 }
        [pscustomobject]@{ What = 'Get-SyncStatistics -After (30 days ago)'; Ms = $figures.after; Target = 2000 }
    )

    'records                {0:N0} over {1} plugins and {2} days' -f $Records, $Plugins, $Days
    'store file             {0} ({1:N0} bytes)' -f (Format-Size $size), $size
    'bulk insert            {0:N1} s' -f $insertSeconds
    'rollups built on open  {0:N1} s' -f $rollupSeconds
    ''
    '{0,-44} {1,12} {2,10}  {3}' -f 'median of warm runs', 'measured', 'target', 'result'
    foreach ($row in $rows) {
        $result = if ($row.Ms -lt $row.Target) { 'pass' } else { 'FAIL' }
        '{0,-44} {1,9:N1} ms {2,7:N0} ms  {3}' -f $row.What, $row.Ms, $row.Target, $result
    }
    ''
    'baselines'
    if ($null -ne $pipelineMilliseconds) {
        '{0,-44} {1,9:N1} ms  {2:N0}x the rollups, {3:N0}x the newest-first index' -f
            'Get-SyncHistory | Measure-Object', $pipelineMilliseconds, ($pipelineMilliseconds / $figures.statistics),
            ($pipelineMilliseconds / $figures.last20)
    }
    '{0,-44} {1,9:N1} ms  {2:N0}x the rollups' -f 'exact statistics from a full scan', $scanMilliseconds,
        ($scanMilliseconds / $figures.statistics)
    '{0,-44} {1,9:N1} ms  {2:N0}x the newest-first index' -f 'newest 20 sorted by LiteDB (old query)',
        $sortedMilliseconds, ($sortedMilliseconds / $figures.last20)
    ''
    'checks'
    $agree = if ($problems.Count -eq 0) { 'yes' } else { 'no' }
    'plugins counted        {0} (runs as written: {1})' -f $pluginsCounted, $agree
    'worst percentile error {0:P2} against the exact figures (allowed: 2.50%)' -f $worst
    foreach ($problem in $problems) { "PROBLEM: $problem" }

    $failed = @($rows | Where-Object { $_.Ms -ge $_.Target }).Count + $problems.Count
    if ($Keep) { "store kept in $work" }
    if ($failed -gt 0) { exit 1 }
}
finally {
    Remove-Module PluginSync -ErrorAction SilentlyContinue
    $env:PLUGINSYNC_HOME = $previousHome
    if (-not $Keep) { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
}
