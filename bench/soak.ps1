<#
.SYNOPSIS
    The long soak: more processes and more runs than the test suite's version, with figures.
.DESCRIPTION
    Runs tests/soak/Invoke-Soak.ps1 and prints what it found: runs started and skipped as busy, history records,
    records left Running, overlaps, crashes, the time taken and runs per second, and the store's size.
    Build the module first (./build.ps1 Build). Exits 1 when an invariant broke.
.EXAMPLE
    dotnet pwsh ./bench/soak.ps1 -Processes 6 -Runs 500
#>
param(
    [int] $Processes = 4,
    [int] $Runs = 500,
    [int] $DelayMilliseconds = 5
)

$ErrorActionPreference = 'Stop'
$report = & (Join-Path $PSScriptRoot '..' 'tests' 'soak' 'Invoke-Soak.ps1') -Processes $Processes -Runs $Runs `
    -DelayMilliseconds $DelayMilliseconds
$seconds = $report.Elapsed.TotalSeconds

'processes              {0}' -f $report.Processes
'runs asked for         {0}' -f ($report.Processes * $report.RunsPerProcess)
'runs reported          {0}' -f $report.RunsReported
'runs started           {0}' -f $report.RunsStarted
'runs skipped (busy)    {0}' -f $report.RunsSkippedBusy
'history records        {0}' -f $report.HistoryRecords
'records missing        {0}' -f $report.RecordsMissing
'records left Running   {0}' -f $report.RecordsLeftRunning
'overlapping runs       {0}' -f $report.Overlaps.Count
'unexpected outcomes    {0}' -f $report.UnexpectedOutcomes.Count
'crashed processes      {0}' -f $report.Crashes.Count
'elapsed                {0:0.0} s' -f $seconds
'runs per second        {0:0.0}' -f ($report.RunsReported / $seconds)
'store size             {0:0.0} KiB' -f ($report.StoreBytes / 1KB)

$broken = $report.RecordsMissing + $report.RecordsLeftRunning + $report.Overlaps.Count +
    $report.UnexpectedOutcomes.Count + $report.Crashes.Count + $report.DuplicateIds
if ($broken -gt 0 -or $report.RunsReported -ne $report.Processes * $report.RunsPerProcess) {
    'INVARIANT BROKEN'
    $report.Overlaps + $report.UnexpectedOutcomes + $report.Crashes | Select-Object -First 10
    exit 1
}
'all invariants held'
