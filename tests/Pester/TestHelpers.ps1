<#
.SYNOPSIS
    Shared set-up for the PluginSync cmdlet tests.
.DESCRIPTION
    Dot-source this file in BeforeAll. It imports the module from the repository root and defines the helpers
    the test files share. Call Enter-TestStore in BeforeEach and Exit-TestStore in AfterEach: every test then
    gets its own empty store in a temporary folder, and the user's own store is never opened.

    Pester runs every test file in one process, so each environment variable changed here is put back.
#>

$RepositoryRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
$ModuleManifest = Join-Path $RepositoryRoot 'PluginSync.psd1'
Import-Module $ModuleManifest -Force -ErrorAction Stop

# The variables the module reads. They are cleared for each test, so a value set in the user's session cannot
# point a test at a real store, a real key or extra plugins.
$PluginSyncVariables = @('PLUGINSYNC_HOME', 'PLUGINSYNC_MASTER_KEY', 'PLUGINSYNC_PLUGIN_PATH')

$PluginNameRule = "1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit"

function New-TestFolder {
    <# Creates an empty folder with a unique name under the system's temporary folder. #>
    param([string] $Prefix = 'pluginsync-test')

    $path = Join-Path ([IO.Path]::GetTempPath()) ($Prefix + '-' + [Guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $path -Force | Out-Null
    $path
}

function Enter-TestStore {
    <#
    Points PLUGINSYNC_HOME at a fresh folder that does not exist yet (the module creates it), and returns what
    Exit-TestStore needs: the temporary root, the store folder, a scratch folder and the variables it replaced.
    #>
    $previous = @{}
    foreach ($name in $PluginSyncVariables) {
        $previous[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $null)
    }

    $root = New-TestFolder
    $work = Join-Path $root 'work'
    New-Item -ItemType Directory -Path $work -Force | Out-Null
    $storeFolder = Join-Path $root 'store'
    $env:PLUGINSYNC_HOME = $storeFolder

    [pscustomobject]@{
        Root      = $root
        Home      = $storeFolder
        Work      = $work
        Previous  = $previous
        Location  = (Get-Location).Path
        Directory = [Environment]::CurrentDirectory
    }
}

function Exit-TestStore {
    <# Restores the variables and locations Enter-TestStore found, and removes the temporary folder. #>
    param([Parameter(Mandatory = $true)] $Store)

    foreach ($name in $Store.Previous.Keys) {
        [Environment]::SetEnvironmentVariable($name, $Store.Previous[$name])
    }

    Set-Location $Store.Location
    [Environment]::CurrentDirectory = $Store.Directory
    if (Test-Path -LiteralPath $Store.Root) {
        Remove-Item -LiteralPath $Store.Root -Recurse -Force
    }
}

function Get-StoreFilePath {
    <# The store file the module uses for the current PLUGINSYNC_HOME. #>
    Join-Path $env:PLUGINSYNC_HOME 'pluginsync.db'
}

function Get-ConfigurationSnapshot {
    <#
    Every stored configuration as text: name, flag, settings with their types, credential key names and the
    exact Created and Modified times. Two equal snapshots mean the store's configurations did not change.
    #>
    $lines = foreach ($configuration in @(Get-PluginConfiguration -ErrorAction Stop)) {
        $settings = @($configuration.Settings.GetEnumerator() | Sort-Object Key | ForEach-Object {
                $type = if ($null -eq $_.Value) { 'null' } else { $_.Value.GetType().Name }
                '{0}={1}:{2}' -f $_.Key, $_.Value, $type
            }) -join ';'
        $credentials = @($configuration.CredentialKeys | Sort-Object) -join ','
        '{0}|{1}|{2}|{3}|{4}|{5}' -f $configuration.Name, $configuration.Enabled, $settings, $credentials,
            $configuration.Created.Ticks, $configuration.Modified.Ticks
    }

    @($lines) -join "`n"
}

function Set-ExampleConfiguration {
    <# Configures the example plugin with an API key, so a run of it can succeed. #>
    param(
        [string] $ApiKey = ('key-' + [Guid]::NewGuid().ToString('N')),
        [switch] $Enabled,
        [hashtable] $Setting = @{}
    )

    $parameters = @{
        Name        = 'example'
        Secret      = @{ api_key = $ApiKey }
        Setting     = $Setting
        Enabled     = $Enabled
        PassThru    = $true
        ErrorAction = 'Stop'
    }
    Set-PluginConfiguration @parameters
}

function New-SourceTree {
    <# Creates a small folder tree of text files and returns the folder. #>
    param([Parameter(Mandatory = $true)] [string] $Path)

    New-Item -ItemType Directory -Path (Join-Path $Path 'sub') -Force | Out-Null
    Set-Content -LiteralPath (Join-Path $Path 'one.txt') -Value 'one'
    Set-Content -LiteralPath (Join-Path $Path 'two.txt') -Value 'two'
    Set-Content -LiteralPath (Join-Path (Join-Path $Path 'sub') 'three.txt') -Value 'three'
    $Path
}

function Set-FolderConfiguration {
    <# Configures the folder plugin to mirror Source into Destination. #>
    param(
        [Parameter(Mandatory = $true)] [string] $Source,
        [Parameter(Mandatory = $true)] [string] $Destination,
        [bool] $Delete = $false,
        [switch] $Enabled
    )

    $setting = @{ Source = $Source; Destination = $Destination; Delete = $Delete }
    Set-PluginConfiguration -Name folder -Setting $setting -Enabled:$Enabled -PassThru -ErrorAction Stop
}

function Add-OrphanConfiguration {
    <#
    Writes an enabled configuration for a plugin that does not exist straight into the store, the way one is
    left behind when a plugin's code is removed. The module cannot create one itself: it refuses unknown plugins.
    #>
    param([Parameter(Mandatory = $true)] [string] $Name)

    # Creates the store first through the module, so the file exists and is initialised; reading commands
    # do not create a store.
    Set-PluginConfiguration -Name folder -ErrorAction Stop
    Remove-PluginConfiguration -Name folder -Confirm:$false -ErrorAction Stop

    $database = [LiteDB.LiteDatabase]::new("Filename=$(Get-StoreFilePath);Connection=Shared")
    try {
        $now = [DateTime]::UtcNow
        $document = [LiteDB.BsonDocument]::new()
        $document['_id'] = [LiteDB.BsonValue]::new($Name.ToLowerInvariant())
        $document['Name'] = [LiteDB.BsonValue]::new($Name)
        $document['Enabled'] = [LiteDB.BsonValue]::new($true)
        $document['Settings'] = [LiteDB.BsonDocument]::new()
        $document['Credentials'] = [LiteDB.BsonDocument]::new()
        $document['Created'] = [LiteDB.BsonValue]::new($now)
        $document['Modified'] = [LiteDB.BsonValue]::new($now)
        $null = $database.GetCollection('configurations').Upsert($document)
    }
    finally {
        $database.Dispose()
    }
}

function Test-BytesContain {
    <# Whether the bytes hold the text in the given encoding. Latin-1 maps each byte to one character. #>
    param(
        [Parameter(Mandatory = $true)] [byte[]] $Bytes,
        [Parameter(Mandatory = $true)] [string] $Text,
        [Parameter(Mandatory = $true)] [Text.Encoding] $Encoding
    )

    $latin1 = [Text.Encoding]::GetEncoding(28591)
    $haystack = $latin1.GetString($Bytes)
    $needle = $latin1.GetString($Encoding.GetBytes($Text))
    $haystack.IndexOf($needle, [StringComparison]::Ordinal) -ge 0
}

function New-ScriptPlugin {
    <#
    Writes a script plugin named Name into Directory (created when missing) and returns the file. Declaration adds
    keys to its declaration block ("Credentials = @(@{ Name = 'token' })"); Body is the code after its param block.
    #>
    param(
        [Parameter(Mandatory = $true)] [string] $Directory,
        [Parameter(Mandatory = $true)] [string] $Name,
        [string] $Body = '@{}',
        [string] $Declaration = '',
        [string] $FileName = "$Name.plugin.ps1"
    )

    New-Item -ItemType Directory -Path $Directory -Force | Out-Null
    $path = Join-Path $Directory $FileName
    $text = "<#PluginSync @{ Name = '$Name'; $Declaration } #>`nparam(`$Context, `$CancellationToken)`n$Body`n"
    Set-Content -LiteralPath $path -Value $text -Encoding utf8
    Get-Item -LiteralPath $path
}

function Get-StoreFingerprint {
    <# The store file's hash, or 'no store' when there is none. Two equal fingerprints mean the store is unchanged. #>
    $file = Get-StoreFilePath
    if (-not (Test-Path -LiteralPath $file)) {
        return 'no store'
    }

    (Get-FileHash -LiteralPath $file -Algorithm SHA256).Hash
}

function New-AssemblyPlugin {
    <#
    Compiles a plugin assembly, Directory/Name.dll, whose plugin is named Name, requires the credential 'key' and
    takes the Integer setting 'Size' (default 4); a run counts one processed record. Returns the file.
    #>
    param(
        [Parameter(Mandatory = $true)] [string] $Directory,
        [Parameter(Mandatory = $true)] [string] $Name
    )

    New-Item -ItemType Directory -Path $Directory -Force | Out-Null
    $path = Join-Path $Directory "$Name.dll"
    $code = @"
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PluginSync;

public sealed class TestAssemblyPlugin : ISyncPlugin
{
    public string Name => "$Name";
    public Version Version => new Version(2, 0);
    public string Description => "A compiled test plugin";
    public IReadOnlyList<PluginCredential> Credentials => new[] { new PluginCredential("key", true, "") };
    public IReadOnlyList<PluginSetting> Settings => new[] { new PluginSetting("Size", SettingType.Integer, 4L) };

    public Task<SyncOutcome> SyncAsync(ISyncContext context, CancellationToken cancellationToken)
    {
        context.Counters.AddProcessed();
        return Task.FromResult(SyncOutcome.Succeeded());
    }
}
"@
    $contract = [PluginSync.ISyncPlugin].Assembly.Location
    Add-Type -TypeDefinition $code -ReferencedAssemblies $contract, 'System.Runtime', 'netstandard' `
        -OutputAssembly $path -OutputType Library
    Get-Item -LiteralPath $path
}

function Start-ChildPowerShell {
    <#
    Starts a PowerShell process like the one running the tests, with its output redirected; the local .NET tool runs
    as "dotnet pwsh.dll". The child inherits this process's environment, so it uses the same store and plugins.
    #>
    param([Parameter(Mandatory = $true)] [string] $Command)

    $executable = [Environment]::ProcessPath
    $info = [Diagnostics.ProcessStartInfo]::new($executable)
    if ([IO.Path]::GetFileNameWithoutExtension($executable) -eq 'dotnet') {
        $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    }
    foreach ($argument in '-NoProfile', '-NonInteractive', '-Command', $Command) {
        $info.ArgumentList.Add($argument)
    }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    [Diagnostics.Process]::Start($info)
}
