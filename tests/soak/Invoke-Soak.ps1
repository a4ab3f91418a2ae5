<#
.SYNOPSIS
    The soak test: several processes run syncs of the same few plugins against one store at the same time.
.DESCRIPTION
    Makes a fresh store in a temporary folder, configures example (slowed down a little, so runs overlap in time)
    and folder (over a small tree), starts -Processes PowerShell processes that each run -Runs syncs, waits for
    them, and returns a report:
      - every run that started left exactly one history record, and that record is closed;
      - no two runs of one plugin overlapped in time;
      - no process saw an unhandled exception;
    together with counts and timings. It removes its temporary folder unless -Keep is given.
#>
param(
    [int] $Processes = 4,
    [int] $Runs = 100,
    [int] $DelayMilliseconds = 5,
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
$root = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
$modulePath = Join-Path $root 'PluginSync.psd1'
$work = Join-Path ([IO.Path]::GetTempPath()) ('pluginsync-soak-' + [Guid]::NewGuid().ToString('N').Substring(0, 8))
$source = Join-Path $work 'source'
$previousHome = $env:PLUGINSYNC_HOME
$env:PLUGINSYNC_HOME = Join-Path $work 'store'

function Get-PowerShellCommand {
    # The PowerShell running this script; the local .NET tool runs as "dotnet pwsh.dll".
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return @($process, (Join-Path $PSHOME 'pwsh.dll'))
    }
    @($process)
}

try {
    New-Item -ItemType Directory -Force $source | Out-Null
    1..20 | ForEach-Object { Set-Content (Join-Path $source "file$_.txt") "content $_" }

    Import-Module $modulePath -Force
    Set-PluginConfiguration -Name example -Enabled -Secret @{ api_key = 'soak-key' } `
        -Setting @{ batch_size = 10; delay_ms = $DelayMilliseconds }
    Set-PluginConfiguration -Name folder -Enabled -Setting @{ Source = $source; Destination = (Join-Path $work 'dest') }

    $command = Get-PowerShellCommand
    $worker = Join-Path $PSScriptRoot 'SoakWorker.ps1'
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $children = foreach ($n in 1..$Processes) {
        $arguments = @($command | Select-Object -Skip 1) + @(
            '-NoProfile', '-NonInteractive', '-File', $worker,
            '-ModulePath', $modulePath, '-Plugin', 'example,folder', '-Runs', $Runs,
            '-ResultPath', (Join-Path $work "worker$n.jsonl"))
        $info = [Diagnostics.ProcessStartInfo]::new($command[0])
        foreach ($argument in $arguments) { $info.ArgumentList.Add([string]$argument) }
        $info.UseShellExecute = $false
        $info.Environment['PLUGINSYNC_HOME'] = $env:PLUGINSYNC_HOME
        [Diagnostics.Process]::Start($info)
    }
    foreach ($child in $children) { $child.WaitForExit() }
    $elapsed = $clock.Elapsed

    $exitCodes = @($children | ForEach-Object { $_.ExitCode })
    $crashes = @(Get-ChildItem $work -Filter '*.error' | ForEach-Object { Get-Content $_.FullName -Raw })
    $reported = @(Get-ChildItem $work -Filter 'worker*.jsonl' | ForEach-Object { Get-Content $_.FullName } |
        ForEach-Object { $_ | ConvertFrom-Json })
    $records = @(Get-SyncHistory)

    $started = @($reported | Where-Object { $_.HistoryId })
    $byId = $records | Group-Object Id -AsHashTable
    $missing = @($started | Where-Object { -not $byId -or -not $byId.ContainsKey([long]$_.HistoryId) })
    $duplicateIds = @($started | Group-Object HistoryId | Where-Object Count -GT 1)
    $open = @($records | Where-Object Status -EQ 'Running')
    $unexpected = @($reported | Where-Object { $_.ErrorType -notin 'None', 'AlreadyRunning' })

    $overlaps = foreach ($group in $records | Group-Object PluginName) {
        $ordered = @($group.Group | Sort-Object StartTime)
        for ($i = 1; $i -lt $ordered.Count; $i++) {
            if ($ordered[$i].StartTime -lt $ordered[$i - 1].EndTime) {
                "$($group.Name): record $($ordered[$i - 1].Id) ended $($ordered[$i - 1].EndTime.ToString('o')) after " +
                "record $($ordered[$i].Id) started $($ordered[$i].StartTime.ToString('o'))"
            }
        }
    }

    [pscustomobject]@{
        Processes          = $Processes
        RunsPerProcess     = $Runs
        RunsReported       = $reported.Count
        RunsStarted        = $started.Count
        RunsSkippedBusy    = @($reported | Where-Object ErrorType -EQ 'AlreadyRunning').Count
        HistoryRecords     = $records.Count
        RecordsMissing     = $missing.Count
        DuplicateIds       = $duplicateIds.Count
        RecordsLeftRunning = $open.Count
        UnexpectedOutcomes = @($unexpected | ForEach-Object { "$($_.Plugin): $($_.ErrorType)" })
        Overlaps           = @($overlaps)
        ExitCodes          = $exitCodes
        Crashes            = $crashes
        Elapsed            = $elapsed
        StoreBytes         = (Get-Item (Join-Path $env:PLUGINSYNC_HOME 'pluginsync.db')).Length
        Folder             = $work
    }
}
finally {
    $env:PLUGINSYNC_HOME = $previousHome
    if (-not $Keep) { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
}
