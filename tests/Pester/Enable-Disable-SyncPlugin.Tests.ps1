BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Enable-SyncPlugin and Disable-SyncPlugin' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'Enable-SyncPlugin sets the Enabled flag of a disabled configuration' {
        Set-PluginConfiguration -Name folder

        Enable-SyncPlugin -Name folder

        (Get-PluginConfiguration -Name folder).Enabled | Should -BeTrue
    }

    It 'Disable-SyncPlugin clears the Enabled flag of an enabled configuration' {
        Set-PluginConfiguration -Name folder -Enabled

        Disable-SyncPlugin -Name folder

        (Get-PluginConfiguration -Name folder).Enabled | Should -BeFalse
    }

    It 'keeps the settings and credentials when the flag changes' {
        Set-ExampleConfiguration -Setting @{ batch_size = 12 } | Out-Null

        Enable-SyncPlugin -Name example

        $configuration = Get-PluginConfiguration -Name example
        $configuration.Settings['batch_size'] | Should -Be 12
        @($configuration.CredentialKeys) | Should -Be @('api_key')
        (Invoke-PluginSync -Name example).Success | Should -BeTrue
    }

    It 'Disable-SyncPlugin makes the next run NotEnabled' {
        Set-ExampleConfiguration -Enabled | Out-Null

        Disable-SyncPlugin -Name example

        $result = Invoke-PluginSync -Name example -ErrorAction SilentlyContinue
        "$($result.ErrorType)" | Should -Be 'NotEnabled'
    }

    It 'Disable-SyncPlugin takes the configurations piped in from Get-PluginConfiguration' {
        Set-PluginConfiguration -Name folder -Enabled
        Set-ExampleConfiguration -Enabled | Out-Null

        Get-PluginConfiguration | Disable-SyncPlugin

        @(Get-PluginConfiguration -Enabled).Count | Should -Be 0
    }

    It 'Enable-SyncPlugin takes the configurations piped in from Get-PluginConfiguration' {
        Set-PluginConfiguration -Name folder
        Set-ExampleConfiguration | Out-Null

        Get-PluginConfiguration | Enable-SyncPlugin

        @(Get-PluginConfiguration -Enabled | ForEach-Object { $_.Name }) | Should -Be @('example', 'folder')
    }

    It 'returns nothing without -PassThru' {
        Set-PluginConfiguration -Name folder

        Enable-SyncPlugin -Name folder | Should -BeNullOrEmpty
        Disable-SyncPlugin -Name folder | Should -BeNullOrEmpty
    }

    It '<Command> returns the changed configuration with -PassThru' -ForEach @(
        @{ Command = 'Enable-SyncPlugin'; Start = $false; Expected = $true }
        @{ Command = 'Disable-SyncPlugin'; Start = $true; Expected = $false }
    ) {
        Set-PluginConfiguration -Name folder -Enabled:$Start

        $output = @(& $Command -Name folder -PassThru)

        $output.Count | Should -Be 1
        $output[0] | Should -BeOfType 'PluginSync.Engine.Configuration.PluginConfiguration'
        $output[0].Name | Should -Be 'folder'
        $output[0].Enabled | Should -Be $Expected
    }

    It '<Command> changes nothing with -WhatIf' -ForEach @(
        @{ Command = 'Enable-SyncPlugin'; Start = $false }
        @{ Command = 'Disable-SyncPlugin'; Start = $true }
    ) {
        Set-PluginConfiguration -Name folder -Enabled:$Start
        $before = Get-ConfigurationSnapshot

        & $Command -Name folder -WhatIf

        Get-ConfigurationSnapshot | Should -Be $before
    }

    It '<Command> writes the error ConfigurationNotFound for a missing configuration' -ForEach @(
        @{ Command = 'Enable-SyncPlugin' }
        @{ Command = 'Disable-SyncPlugin' }
    ) {
        Set-PluginConfiguration -Name folder
        $before = Get-ConfigurationSnapshot

        & $Command -Name example -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ConfigurationNotFound,*'
        "$($failures[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'example'
        Get-ConfigurationSnapshot | Should -Be $before
    }

    It 'goes on with the next name after a missing configuration' {
        Set-PluginConfiguration -Name folder

        Enable-SyncPlugin -Name example, folder -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        (Get-PluginConfiguration -Name folder).Enabled | Should -BeTrue
        Get-PluginConfiguration -Name example -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
