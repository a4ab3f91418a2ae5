#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, demonstrates and packages PluginSync.
.DESCRIPTION
    Build    compiles the module into bin/, beside PluginSync.psd1, with its format views and help.
    Test     builds, runs the engine tests (xunit) and the cmdlet tests (Pester), and ends with the line
             "N passed, N failed". It exits non-zero when any test failed.
    Demo     builds, then runs real syncs in a fresh temporary store (see examples/demo.ps1).
    Package  builds, then lays the module out in out/PluginSync/ ready to copy into a module path.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 Demo
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Package')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$bin = Join-Path $root 'bin'
$out = Join-Path $root 'out'
# Get-Help looks for a binary module's help in a culture folder beside the manifest (the module base), not in bin/.
$help = Join-Path $root 'en-US'

function Invoke-Native {
    param([string] $Command, [string[]] $Arguments)
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

# The PowerShell running this script, as a command line: the local .NET tool runs as "dotnet pwsh.dll".
function Invoke-ChildPowerShell {
    param([string[]] $Arguments)
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        & $process (Join-Path $PSHOME 'pwsh.dll') @Arguments
    }
    else {
        & $process @Arguments
    }
}

function Invoke-Build {
    Write-Host "Building PluginSync ($Configuration) into bin/"
    if (Test-Path $bin) { Remove-Item $bin -Recurse -Force }
    if (Test-Path $help) { Remove-Item $help -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/PluginSync/PluginSync.csproj'), '-c', $Configuration,
        '-o', $bin, '--nologo', '-v', 'quiet')
    Copy-Item (Join-Path $root 'src/PluginSync/PluginSync.Format.ps1xml') $bin
    $helpBuilder = Join-Path $root 'tools/Build-Help.ps1'
    if (Test-Path $helpBuilder) {
        & $helpBuilder -Source (Join-Path $root 'docs/help') -Destination $help
    }
}

function Get-PesterModulePath {
    Invoke-Native dotnet @('restore', (Join-Path $root 'tests/Pester/Pester.Restore.csproj'), '--nologo', '-v', 'quiet')
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = dotnet nuget locals global-packages --list | Select-Object -First 1
        $packages = ($line -replace '^global-packages:\s*', '').Trim()
    }
    $manifest = Get-ChildItem (Join-Path $packages 'pester') -Filter Pester.psd1 -Recurse |
        Sort-Object FullName -Descending | Select-Object -First 1
    if (-not $manifest) { throw "Pester was not restored into '$packages'." }
    $manifest.FullName
}

function Invoke-EngineTests {
    $results = Join-Path $out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    & dotnet test (Join-Path $root 'tests/PluginSync.Engine.Tests') -c $Configuration --nologo `
        --logger 'trx;LogFileName=engine.trx' --logger 'console;verbosity=minimal' --results-directory $results |
        Out-Host
    $trx = Get-ChildItem $results -Filter *.trx -Recurse | Select-Object -First 1
    if (-not $trx) {
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    $counters = ([xml](Get-Content $trx.FullName -Raw)).TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error }
}

function Invoke-CmdletTests {
    $pester = Get-PesterModulePath
    $summary = Join-Path $out 'pester-summary.json'
    New-Item -ItemType Directory -Force $out | Out-Null
    # A child process, so every run imports the freshly built module into a clean session.
    $script = @"
Import-Module '$pester' -Force
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $root 'tests/Pester')'
`$config.Run.PassThru = `$true
`$config.Output.Verbosity = 'Normal'
`$result = Invoke-Pester -Configuration `$config
`$failed = `$result.FailedCount + `$result.FailedBlocksCount + `$result.FailedContainersCount
@{ Passed = `$result.PassedCount; Failed = `$failed } |
    ConvertTo-Json | Set-Content '$summary'
"@
    Invoke-ChildPowerShell @('-NoProfile', '-NonInteractive', '-Command', $script) | Out-Host
    if (-not (Test-Path $summary)) {
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    Get-Content $summary -Raw | ConvertFrom-Json
}

function Invoke-Test {
    Invoke-Build
    $engine = Invoke-EngineTests
    $cmdlets = Invoke-CmdletTests
    $passed = $engine.Passed + $cmdlets.Passed
    $failed = $engine.Failed + $cmdlets.Failed
    Write-Host "Engine tests (xunit): $($engine.Passed) passed, $($engine.Failed) failed"
    Write-Host "Cmdlet tests (Pester): $($cmdlets.Passed) passed, $($cmdlets.Failed) failed"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Invoke-ChildPowerShell @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'examples/demo.ps1'))
    if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
}

function Invoke-Package {
    Invoke-Build
    $target = Join-Path $out 'PluginSync'
    if (Test-Path $target) { Remove-Item $target -Recurse -Force }
    New-Item -ItemType Directory -Force $target | Out-Null
    Copy-Item (Join-Path $root 'PluginSync.psd1') $target
    Copy-Item $bin $target -Recurse
    if (Test-Path $help) { Copy-Item $help $target -Recurse }
    Get-ChildItem $target -Recurse -Include *.pdb, *.deps.json | Remove-Item
    Write-Host "Packaged the module in $target"
}

foreach ($name in $Task) {
    & "Invoke-$name"
}
