BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Get-SyncAuditLog' {
    BeforeEach {
        $TestStore = Enter-TestStore
        $secret = 'PLANTED-AUDIT-' + [Guid]::NewGuid().ToString('N')
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'returns nothing, and creates no store, when there is no store' {
        @(Get-SyncAuditLog).Count | Should -Be 0
        Test-Path (Get-StoreFilePath) | Should -BeFalse
    }

    It 'records a created configuration with time, actor, action, plugin and every field' {
        $before = [DateTime]::UtcNow.AddSeconds(-1)
        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret } -Setting @{ batch_size = 7 } -Enabled

        $entry = @(Get-SyncAuditLog)
        $entry.Count | Should -Be 1
        "$($entry[0].Action)" | Should -Be 'ConfigurationCreated'
        $entry[0].PluginName | Should -Be 'example'
        $entry[0].Actor | Should -Be "$([Environment]::UserName)@$([Environment]::MachineName)"
        $entry[0].Time.Kind | Should -Be 'Utc'
        $entry[0].Time | Should -BeGreaterOrEqual $before
        $batch = $entry[0].Changes | Where-Object Field -EQ 'Setting batch_size'
        $batch.Before | Should -BeNullOrEmpty
        $batch.After | Should -Be '7'
        ($entry[0].Changes | Where-Object Field -EQ 'Credential api_key').After | Should -Be '(set)'
    }

    It 'records an update with before and after of each changed setting, and credentials by key name only' {
        Set-PluginConfiguration -Name example -Secret @{ api_key = 'first-value' } -Setting @{ batch_size = 7 }
        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret } -Setting @{ batch_size = 9 } `
            -TimeoutSeconds 60

        $entry = Get-SyncAuditLog -Action ConfigurationUpdated
        $fields = @($entry.Changes | ForEach-Object Field)
        $fields | Should -Contain 'Setting batch_size'
        $fields | Should -Contain 'Credential api_key'
        $fields | Should -Contain 'TimeoutSeconds'
        ($entry.Changes | Where-Object Field -EQ 'Setting batch_size').Before | Should -Be '7'
        ($entry.Changes | Where-Object Field -EQ 'Setting batch_size').After | Should -Be '9'
        ($entry.Changes | Where-Object Field -EQ 'Credential api_key').After | Should -Be '(replaced)'
        ($entry | Out-String) + ($entry.Changes | Out-String) | Should -Not -Match 'first-value'
    }

    It 'records enabling, disabling and removing' {
        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret }
        Enable-SyncPlugin -Name example
        Disable-SyncPlugin -Name example
        Remove-PluginConfiguration -Name example -Confirm:$false

        $actions = @(Get-SyncAuditLog | ForEach-Object { "$($_.Action)" })
        $actions | Should -Be @('ConfigurationRemoved', 'PluginDisabled', 'PluginEnabled', 'ConfigurationCreated')
        $disabled = (Get-SyncAuditLog -Action PluginDisabled).Changes | Where-Object Field -EQ 'Enabled'
        $disabled.After | Should -Be 'False'
    }

    It 'records registering and unregistering a plugin directory' {
        $directory = Join-Path $TestStore.Work 'plugins'
        New-Item -ItemType Directory -Path $directory | Out-Null
        Register-SyncPlugin -Path $directory
        Unregister-SyncPlugin -Path $directory

        $entries = @(Get-SyncAuditLog)
        "$($entries[0].Action)" | Should -Be 'PluginDirectoryUnregistered'
        "$($entries[1].Action)" | Should -Be 'PluginDirectoryRegistered'
        $entries[1].Target | Should -Be $directory
    }

    It 'writes no entry for a refused change, and nothing for -WhatIf' {
        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret }
        Set-PluginConfiguration -Name example -Setting @{ batch_size = 'abc' } -ErrorAction SilentlyContinue
        Set-PluginConfiguration -Name example -Setting @{ batch_size = 5 } -WhatIf
        Disable-SyncPlugin -Name example -WhatIf

        @(Get-SyncAuditLog).Count | Should -Be 1
    }

    It 'filters by plugin name with wildcards, by action and by time' {
        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret }
        Set-PluginConfiguration -Name folder -Setting @{ Source = $TestStore.Work; Destination = $TestStore.Home }
        $middle = [DateTime]::UtcNow
        Start-Sleep -Milliseconds 20
        Enable-SyncPlugin -Name folder

        @(Get-SyncAuditLog -Name 'fold*').Count | Should -Be 2
        @(Get-SyncAuditLog -Name example).Count | Should -Be 1
        @(Get-SyncAuditLog -Action PluginEnabled).PluginName | Should -Be 'folder'
        @(Get-SyncAuditLog -After $middle).Count | Should -Be 1
        @(Get-SyncAuditLog -Before $middle).Count | Should -Be 2
        @(Get-SyncAuditLog -Last 1).Action | Should -Be 'PluginEnabled'
        { Get-SyncAuditLog -After $middle -Before $middle.AddSeconds(-1) -ErrorAction Stop } |
            Should -Throw -ErrorId 'AuditRangeInvalid,*'
    }

    It 'never holds a credential value in any entry or in the store file' {
        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret } -Enabled
        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret + '-2' }
        Remove-PluginConfiguration -Name example -Confirm:$false

        (Get-SyncAuditLog | Format-List * | Out-String -Width 500) | Should -Not -Match $secret
        (Get-SyncAuditLog).Changes | ForEach-Object { "$($_.Before) $($_.After)" } | Should -Not -Match $secret
        $bytes = [IO.File]::ReadAllBytes((Get-StoreFilePath))
        Test-BytesContain -Bytes $bytes -Text $secret -Encoding ([Text.Encoding]::UTF8) | Should -BeFalse
    }

    It 'offers no command that edits or removes an audit entry' {
        $commands = Get-Command -Module PluginSync | Where-Object Noun -Like '*Audit*'
        @($commands.Name) | Should -Be @('Get-SyncAuditLog')
    }
}
