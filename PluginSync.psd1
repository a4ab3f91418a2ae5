@{
    # The module is the compiled assembly in bin/, which `./build.ps1 Build` produces.
    RootModule           = 'bin/PluginSync.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f3c9e-7a41-4d2e-9c61-2f8e4a1d7b35'
    Author               = 'PluginSync contributors'
    CompanyName          = 'PluginSync'
    Copyright            = '(c) PluginSync contributors. All rights reserved.'
    Description          = 'Runs sync plugins with checked settings, encrypted credentials, history and run locks.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    FormatsToProcess     = @('bin/PluginSync.Format.ps1xml')
    CmdletsToExport      = @(
        'Get-SyncPlugin'
        'Get-PluginConfiguration'
        'Set-PluginConfiguration'
        'Remove-PluginConfiguration'
        'Enable-SyncPlugin'
        'Disable-SyncPlugin'
        'Invoke-PluginSync'
        'Get-SyncHistory'
        'Register-SyncPlugin'
        'Unregister-SyncPlugin'
        'Test-PluginConfiguration'
        'Get-SyncAuditLog'
        'Export-SyncReport'
        'Get-SyncStatistics'
        'Clear-SyncHistory'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Sync', 'Automation', 'Scheduling', 'LiteDB')
            ProjectUri = ''
        }
    }
}
