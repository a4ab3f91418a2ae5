<#
.SYNOPSIS
    Runs real syncs with PluginSync in a fresh, temporary store.
.DESCRIPTION
    Configures the example plugin with an API key, configures the folder plugin to mirror PowerShell's own
    installation folder ($PSHOME) into a temporary destination, runs every configuration twice through the
    pipeline, and shows the history. The second folder run copies nothing, because no file changed.
    Nothing outside the temporary folder is touched; the user's own store is left alone.
#>
[CmdletBinding()]
param(
    # Keep the temporary folder afterwards, to look at the store and the copied files.
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
$work = Join-Path ([IO.Path]::GetTempPath()) ("pluginsync-demo-" + [Guid]::NewGuid().ToString('N').Substring(0, 8))
$destination = Join-Path $work 'pshome-mirror'
$env:PLUGINSYNC_HOME = Join-Path $work 'store'

Import-Module (Join-Path $PSScriptRoot '..' 'PluginSync.psd1') -Force

try {
    Write-Host "PluginSync demo: a fresh store in $env:PLUGINSYNC_HOME" -ForegroundColor Cyan
    Write-Host ''
    Write-Host 'The plugins PluginSync has:' -ForegroundColor Cyan
    Get-SyncPlugin | Format-Table | Out-String -Width 150 | Out-Host

    # A demo key, made up on the spot; real keys come from Get-Credential or a secret vault.
    $apiKey = 'demo-' + [Guid]::NewGuid().ToString('N')
    Set-PluginConfiguration -Name example -Secret @{ api_key = $apiKey } -Setting @{ batch_size = 10 } -Enabled
    Set-PluginConfiguration -Name folder -Enabled -Setting @{ Source = $PSHOME; Destination = $destination }
    $fileCount = @(Get-ChildItem $PSHOME -Recurse -File).Count
    $message = "Configured 'example', and 'folder' to mirror $PSHOME ($fileCount files) into $destination"
    Write-Host $message -ForegroundColor Cyan
    Get-PluginConfiguration | Format-Table | Out-String -Width 150 | Out-Host

    Write-Host 'First run: Get-PluginConfiguration | Invoke-PluginSync' -ForegroundColor Cyan
    $first = Get-PluginConfiguration | Invoke-PluginSync
    $first | Format-Table | Out-String -Width 150 | Out-Host

    Write-Host 'Second run: nothing changed, so the folder plugin copies nothing' -ForegroundColor Cyan
    $second = Get-PluginConfiguration | Invoke-PluginSync
    $second | Format-Table | Out-String -Width 150 | Out-Host

    $folderRun = $second | Where-Object PluginName -EQ 'folder'
    if ($folderRun.Created + $folderRun.Updated -ne 0 -or $folderRun.Skipped -ne $fileCount) {
        throw "The second folder run should have skipped all $fileCount files; it created $($folderRun.Created)," +
            " updated $($folderRun.Updated) and skipped $($folderRun.Skipped)."
    }

    Write-Host 'History, newest first: Get-SyncHistory' -ForegroundColor Cyan
    Get-SyncHistory | Format-Table | Out-String -Width 150 | Out-Host

    Write-Host 'Summary of a run of everything enabled: Invoke-PluginSync -All -Summary' -ForegroundColor Cyan
    Invoke-PluginSync -All -Summary | Format-Table | Out-String -Width 150 | Out-Host
}
finally {
    if ($Keep) {
        Write-Host "Kept $work" -ForegroundColor Cyan
    }
    else {
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
        Write-Host "Removed $work" -ForegroundColor Cyan
    }
}
