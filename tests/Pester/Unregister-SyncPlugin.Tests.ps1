BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Unregister-SyncPlugin' {
    BeforeEach {
        $TestStore = Enter-TestStore
        $Plugins = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
        New-ScriptPlugin -Directory $Plugins -Name alpha -Body '$Context.Counters.AddProcessed(); @{}' | Out-Null
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'removes a registered directory, so its plugins are no longer listed' {
        Register-SyncPlugin -Path $Plugins
        Get-SyncPlugin -Name alpha | Should -Not -BeNullOrEmpty

        $output = Unregister-SyncPlugin -Path $Plugins

        $output | Should -BeNullOrEmpty
        @(Get-SyncPlugin | ForEach-Object Name) | Should -Be @('example', 'folder', 'rest')
    }

    It 'keeps the plugins'' configurations and history; an enabled configuration then runs as NotFound' {
        Register-SyncPlugin -Path $Plugins
        Set-PluginConfiguration -Name alpha -Enabled
        $run = Invoke-PluginSync -Name alpha

        Unregister-SyncPlugin -Path $Plugins
        $configuration = Get-PluginConfiguration -Name alpha
        $history = @(Get-SyncHistory -Name alpha)
        $result = Invoke-PluginSync -Name alpha -ErrorVariable failures -ErrorAction SilentlyContinue
        $summary = Invoke-PluginSync -All -Summary -ErrorAction SilentlyContinue

        $configuration.Enabled | Should -BeTrue
        $history.Count | Should -Be 1
        $history[0].Id | Should -Be $run.SyncHistoryId
        "$($result.ErrorType)" | Should -Be 'NotFound'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SyncPluginNotFound,*'
        $summary.Total | Should -Be 1
        $summary.Failed | Should -Be 1
        $summary.Skipped | Should -Be 0
        "$($summary.Results[0].ErrorType)" | Should -Be 'NotFound'
    }

    It 'writes PluginDirectoryNotRegistered for a directory that is not registered, and leaves the store as it was' {
        $other = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $other | Out-Null
        Register-SyncPlugin -Path $Plugins
        $before = Get-StoreFingerprint

        Unregister-SyncPlugin -Path $other -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PluginDirectoryNotRegistered,*'
        "$($failures[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $other
        $failures[0].Exception.Message | Should -BeLike "*'$other' is not registered*"
        Get-StoreFingerprint | Should -Be $before
        (Get-SyncPlugin -Name alpha).Source | Should -BeLike "$Plugins*"
    }

    It 'writes PluginDirectoryNotRegistered, and creates no store, when there is no store' {
        { Unregister-SyncPlugin -Path $Plugins -ErrorAction Stop } | Should -Throw "*'$Plugins' is not registered*"

        Get-StoreFingerprint | Should -Be 'no store'
    }

    It 'refuses an empty path and leaves the store as it was' {
        Register-SyncPlugin -Path $Plugins
        $before = Get-StoreFingerprint

        { Unregister-SyncPlugin -Path '' -ErrorAction Stop } | Should -Throw '*Path*'

        Get-StoreFingerprint | Should -Be $before
    }

    It 'keeps the directory registered with -WhatIf' {
        Register-SyncPlugin -Path $Plugins
        $before = Get-StoreFingerprint

        Unregister-SyncPlugin -Path $Plugins -WhatIf

        Get-StoreFingerprint | Should -Be $before
        Get-SyncPlugin -Name alpha | Should -Not -BeNullOrEmpty
    }

    It 'finds the directory when it is given relative to the current location or with a trailing separator' {
        $second = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
        New-ScriptPlugin -Directory $second -Name beta | Out-Null
        Register-SyncPlugin -Path $Plugins, $second
        Set-Location -LiteralPath (Split-Path $Plugins -Parent)

        Unregister-SyncPlugin -Path (Join-Path '.' (Split-Path $Plugins -Leaf)) -ErrorAction Stop
        Unregister-SyncPlugin -Path ($second + [IO.Path]::DirectorySeparatorChar) -ErrorAction Stop

        @(Get-SyncPlugin | ForEach-Object Name) | Should -Be @('example', 'folder', 'rest')
    }

    It 'takes directories from the pipeline, as Get-Item returns them' {
        Register-SyncPlugin -Path $Plugins

        Get-Item -LiteralPath $Plugins | Unregister-SyncPlugin

        Get-SyncPlugin -Name alpha -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
