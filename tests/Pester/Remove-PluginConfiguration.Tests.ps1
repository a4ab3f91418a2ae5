BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Remove-PluginConfiguration' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'removes the configuration with -Confirm:$false' {
        Set-ExampleConfiguration | Out-Null
        Set-PluginConfiguration -Name folder

        $output = Remove-PluginConfiguration -Name example -Confirm:$false

        $output | Should -BeNullOrEmpty
        @(Get-PluginConfiguration | ForEach-Object { $_.Name }) | Should -Be @('folder')
    }

    It 'keeps the configuration with -WhatIf' {
        Set-ExampleConfiguration | Out-Null
        $before = Get-ConfigurationSnapshot

        Remove-PluginConfiguration -Name example -WhatIf

        Get-ConfigurationSnapshot | Should -Be $before
    }

    It 'asks for confirmation by default (ConfirmImpact High)' {
        $metadata = New-Object System.Management.Automation.CommandMetadata (Get-Command Remove-PluginConfiguration)

        "$($metadata.ConfirmImpact)" | Should -Be 'High'
    }

    It 'keeps the plugin''s history after the configuration is removed' {
        Set-ExampleConfiguration -Enabled | Out-Null
        $result = Invoke-PluginSync -Name example

        Remove-PluginConfiguration -Name example -Confirm:$false

        $history = @(Get-SyncHistory -Name example)
        $history.Count | Should -Be 1
        $history[0].Id | Should -Be $result.SyncHistoryId
    }

    It 'forgets the plugin''s state, so a new configuration starts from the beginning' {
        Set-ExampleConfiguration -Enabled | Out-Null
        (Invoke-PluginSync -Name example).Created | Should -BeGreaterThan 0

        Remove-PluginConfiguration -Name example -Confirm:$false
        Set-ExampleConfiguration -Enabled | Out-Null
        $again = Invoke-PluginSync -Name example

        $again.Skipped | Should -Be 0
        $again.Created | Should -Be $again.Processed
    }

    It 'writes the error ConfigurationNotFound for a name without a configuration' {
        Set-PluginConfiguration -Name folder
        $before = Get-ConfigurationSnapshot

        Remove-PluginConfiguration -Name example -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ConfigurationNotFound,*'
        "$($failures[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'example'
        Get-ConfigurationSnapshot | Should -Be $before
    }

    It 'removes the configurations piped in from Get-PluginConfiguration' {
        Set-ExampleConfiguration | Out-Null
        Set-PluginConfiguration -Name folder

        Get-PluginConfiguration | Remove-PluginConfiguration -Confirm:$false

        @(Get-PluginConfiguration).Count | Should -Be 0
    }
}
