BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Get-SyncPlugin' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'lists the built-in plugins example, folder and rest with their version, kind and source' {
        $plugins = @(Get-SyncPlugin)

        @($plugins | ForEach-Object { $_.Name }) | Should -Be @('example', 'folder', 'rest')
        foreach ($plugin in $plugins) {
            $plugin | Should -BeOfType 'PluginSync.Output.SyncPluginInfo'
            $plugin.Version | Should -BeOfType [version]
            $plugin.Version | Should -BeGreaterThan ([version]'0.0')
            "$($plugin.Kind)" | Should -Be 'BuiltIn'
            $plugin.Source | Should -Not -BeNullOrEmpty
            $plugin.Description | Should -Not -BeNullOrEmpty
        }
    }

    It 'shows the credential keys and settings each plugin declares' {
        $example = Get-SyncPlugin -Name example
        $folder = Get-SyncPlugin -Name folder

        @($example.Credentials | ForEach-Object { $_.Name }) | Should -Be @('api_key')
        @($example.Settings | ForEach-Object { $_.Name }) | Should -Be @('batch_size', 'delay_ms')
        @($folder.Credentials).Count | Should -Be 0
        @($folder.Settings | ForEach-Object { $_.Name }) | Should -Be @('Source', 'Destination', 'Delete')
    }

    It 'returns only the plugins that match a wildcard' {
        $plugins = @(Get-SyncPlugin -Name 'ex*')

        $plugins.Count | Should -Be 1
        $plugins[0].Name | Should -Be 'example'
    }

    It 'returns nothing and no error for a wildcard that matches nothing' {
        $plugins = @(Get-SyncPlugin -Name 'zz*' -ErrorVariable failures)

        $plugins.Count | Should -Be 0
        $failures.Count | Should -Be 0
    }

    It 'matches a literal name without regard to case' {
        (Get-SyncPlugin -Name 'EXAMPLE').Name | Should -Be 'example'
    }

    It 'writes the error SyncPluginNotFound for an unknown literal name and still lists the known ones' {
        $plugins = @(Get-SyncPlugin -Name 'nosuch', 'folder' -ErrorVariable failures -ErrorAction SilentlyContinue)

        @($plugins | ForEach-Object { $_.Name }) | Should -Be @('folder')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SyncPluginNotFound,*'
        "$($failures[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'nosuch'
        $failures[0].Exception.Message | Should -BeLike "*'nosuch'*"
        $failures[0].Exception.Message | Should -BeLike '*example*'
    }

    It 'takes plugin names from the pipeline' {
        $plugins = @('folder', 'example' | Get-SyncPlugin)

        @($plugins | ForEach-Object { $_.Name }) | Should -Be @('folder', 'example')
    }
}
