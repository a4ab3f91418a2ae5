<#
.SYNOPSIS
    Runs every enabled PluginSync plugin once, for a scheduler (Task Scheduler, cron, a systemd timer).
.DESCRIPTION
    Runs all enabled plugins in parallel, writes one line per plugin to standard output, and exits with:
      0  every run succeeded or was skipped (not enabled, or already running from an overlapping schedule);
      1  at least one run failed (plugin missing, configuration incomplete, error, timeout, cancelled);
      2  PluginSync itself could not run (module not found, store unreadable).
    The store is the one PLUGINSYNC_HOME names, or the per-user default.
.EXAMPLE
    pwsh -NoProfile -File ./scheduled-sync.ps1 -ThrottleLimit 2 -TimeoutSeconds 600
#>
[CmdletBinding()]
param(
    # How many plugins run at the same time (1 to 64).
    [int] $ThrottleLimit = 4,

    # The longest a run may take (1 to 86400 seconds), overriding each configuration's timeout; 0 keeps theirs.
    [int] $TimeoutSeconds = 0,

    # Where the module is; by default the repository this script sits in, else the installed module.
    [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
try {
    # Checked here rather than by parameter attributes, so a bad argument exits 2 ("could not run"), not 1.
    if ($ThrottleLimit -lt 1 -or $ThrottleLimit -gt 64) { throw "-ThrottleLimit $ThrottleLimit is not 1 to 64." }
    if ($TimeoutSeconds -lt 0 -or $TimeoutSeconds -gt 86400) {
        throw "-TimeoutSeconds $TimeoutSeconds is not 0 to 86400."
    }

    $beside = Join-Path (Join-Path $PSScriptRoot '..') 'PluginSync.psd1'
    if ($ModulePath) {
        if (-not (Test-Path -LiteralPath $ModulePath)) {
            throw "The module '$ModulePath' given by -ModulePath does not exist."
        }
        Import-Module $ModulePath
    }
    elseif (Test-Path -LiteralPath $beside) { Import-Module $beside }
    else { Import-Module PluginSync }

    $options = @{ All = $true; Summary = $true; ThrottleLimit = $ThrottleLimit }
    if ($TimeoutSeconds -gt 0) { $options.TimeoutSeconds = $TimeoutSeconds }

    # Failed runs are counted from the summary below; their error records would only repeat them.
    $summary = Invoke-PluginSync @options -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
}
catch {
    [Console]::Error.WriteLine("PluginSync could not run: $($_.Exception.Message)")
    exit 2
}

$stamp = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
foreach ($result in $summary.Results | Sort-Object PluginName) {
    $outcome = if ($result.Success) { 'ok' } else { $result.ErrorType }
    $line = '{0} {1} {2} record={3} processed={4} created={5} updated={6} deleted={7} failed={8} seconds={9:0.0}' -f
        $stamp, $result.PluginName, $outcome, $result.SyncHistoryId, $result.Processed, $result.Created,
        $result.Updated, $result.Deleted, $result.Failed, $result.Duration.TotalSeconds
    if ($result.Error) { $line += " error=`"$($result.Error)`"" }
    Write-Output $line
}
Write-Output ('{0} total={1} successful={2} failed={3} skipped={4}' -f
    $stamp, $summary.Total, $summary.Successful, $summary.Failed, $summary.Skipped)

exit ([int]($summary.Failed -gt 0))
