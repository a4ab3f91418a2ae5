<#
.SYNOPSIS
    One process of the soak test: runs syncs of the given plugins (comma-separated) in turn against the shared
    store, and writes one
    JSON line per run to -ResultPath. Any exception that escapes is written to -ResultPath.error and exits 3.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Plugin,
    [Parameter(Mandatory)] [int] $Runs,
    [Parameter(Mandatory)] [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
try {
    Import-Module $ModulePath
    $plugins = @($Plugin -split ',')
    $lines = [System.Collections.Generic.List[string]]::new()
    for ($i = 0; $i -lt $Runs; $i++) {
        $name = $plugins[$i % $plugins.Count]
        $result = Invoke-PluginSync -Name $name -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $lines.Add((@{
            Plugin    = $name
            HistoryId = $result.SyncHistoryId
            ErrorType = "$($result.ErrorType)"
            Status    = "$($result.Status)"
            ProcessId = $PID
        } | ConvertTo-Json -Compress))
    }
    Set-Content -Path $ResultPath -Value $lines
}
catch {
    Set-Content -Path "$ResultPath.error" -Value ($_ | Out-String)
    exit 3
}
