BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Get-PluginConfiguration' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'returns nothing and no error from an empty store' {
        $configurations = @(Get-PluginConfiguration -ErrorVariable failures)

        $configurations.Count | Should -Be 0
        $failures.Count | Should -Be 0
    }

    It 'returns every configuration, ordered by name, when no name is given' {
        Set-PluginConfiguration -Name folder
        Set-PluginConfiguration -Name example

        $configurations = @(Get-PluginConfiguration)

        @($configurations | ForEach-Object { $_.Name }) | Should -Be @('example', 'folder')
        $configurations[0] | Should -BeOfType 'PluginSync.Engine.Configuration.PluginConfiguration'
    }

    It 'returns only the configurations that match a wildcard' {
        Set-PluginConfiguration -Name folder
        Set-PluginConfiguration -Name example

        @(Get-PluginConfiguration -Name 'ex*' | ForEach-Object { $_.Name }) | Should -Be @('example')
        @(Get-PluginConfiguration -Name '?older' | ForEach-Object { $_.Name }) | Should -Be @('folder')
        @(Get-PluginConfiguration -Name '*' | ForEach-Object { $_.Name }) | Should -Be @('example', 'folder')
    }

    It 'returns nothing and no error for a wildcard that matches nothing' {
        Set-PluginConfiguration -Name folder

        $configurations = @(Get-PluginConfiguration -Name 'zz*' -ErrorVariable failures)

        $configurations.Count | Should -Be 0
        $failures.Count | Should -Be 0
    }

    It 'returns only enabled configurations with -Enabled' {
        Set-PluginConfiguration -Name folder
        Set-PluginConfiguration -Name example -Enabled

        @(Get-PluginConfiguration -Enabled | ForEach-Object { $_.Name }) | Should -Be @('example')
        @(Get-PluginConfiguration -Name folder -Enabled).Count | Should -Be 0
    }

    It 'shows credentials by key name only, never their value' {
        $secret = 'value-' + [Guid]::NewGuid().ToString('N')
        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret }

        $configuration = Get-PluginConfiguration -Name example

        @($configuration.CredentialKeys) | Should -Be @('api_key')
        $shown = @(
            $configuration | Format-Table | Out-String -Width 400
            $configuration | Format-List * | Out-String -Width 400
            $configuration | ConvertTo-Json -Depth 5
            $configuration.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }
        ) -join "`n"
        $shown | Should -BeLike '*api_key*'
        $shown | Should -Not -BeLike "*$secret*"
    }

    It 'writes the error ConfigurationNotFound for an unknown literal name' {
        Set-PluginConfiguration -Name folder

        $configurations = @(Get-PluginConfiguration -Name example, folder -ErrorVariable failures `
                -ErrorAction SilentlyContinue)

        @($configurations | ForEach-Object { $_.Name }) | Should -Be @('folder')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ConfigurationNotFound,*'
        "$($failures[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'example'
        $failures[0].Exception.Message | Should -BeLike "*'example'*"
    }

    It 'takes names from the pipeline' {
        Set-PluginConfiguration -Name folder
        Set-PluginConfiguration -Name example

        @('folder' | Get-PluginConfiguration | ForEach-Object { $_.Name }) | Should -Be @('folder')
    }
}
