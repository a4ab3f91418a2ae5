BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Register-SyncPlugin' {
    BeforeEach {
        $TestStore = Enter-TestStore
        $Plugins = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
        $alpha = New-ScriptPlugin -Directory $Plugins -Name alpha -Declaration "Description = 'The first test plugin'"
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'registers a directory, and Get-SyncPlugin then lists its scripts with Kind Script and the file as Source' {
        $output = Register-SyncPlugin -Path $Plugins

        $output | Should -BeNullOrEmpty
        $plugin = Get-SyncPlugin -Name alpha
        "$($plugin.Kind)" | Should -Be 'Script'
        $plugin.Source | Should -Be $alpha.FullName
        $plugin.Description | Should -Be 'The first test plugin'
    }

    It 'lists a plugin assembly in a registered directory with Kind Assembly and the file as Source' {
        $assembly = New-AssemblyPlugin -Directory $Plugins -Name compiled

        Register-SyncPlugin -Path $Plugins

        $plugin = Get-SyncPlugin -Name compiled
        "$($plugin.Kind)" | Should -Be 'Assembly'
        $plugin.Source | Should -Be $assembly.FullName
        $plugin.Version | Should -Be ([version]'2.0')
    }

    It 'returns the plugins of the directory with -PassThru' {
        New-ScriptPlugin -Directory $Plugins -Name beta | Out-Null

        $found = @(Register-SyncPlugin -Path $Plugins -PassThru)

        @($found.Name) | Should -Be @('alpha', 'beta')
        $found[0] | Should -BeOfType 'PluginSync.Output.SyncPluginInfo'
        $found[0].Source | Should -Be $alpha.FullName
    }

    It 'returns with -PassThru only the plugins of that directory, not those of a directory whose name it begins' {
        $longer = "$Plugins-more"
        New-ScriptPlugin -Directory $longer -Name gamma | Out-Null
        Register-SyncPlugin -Path $longer

        $found = @(Register-SyncPlugin -Path $Plugins -PassThru)

        @($found.Name) | Should -Be @('alpha')
    }

    It 'returns with -PassThru the plugins of every directory it registers' {
        $second = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
        New-ScriptPlugin -Directory $second -Name gamma | Out-Null

        $found = @(Register-SyncPlugin -Path $Plugins, $second -PassThru)

        @($found.Name) | Should -Be @('alpha', 'gamma')
    }

    It 'writes nothing with -WhatIf, whether or not a store exists' {
        Register-SyncPlugin -Path $Plugins -WhatIf
        $withoutStore = Get-StoreFingerprint

        Set-PluginConfiguration -Name folder
        $before = Get-StoreFingerprint
        Register-SyncPlugin -Path $Plugins -WhatIf

        $withoutStore | Should -Be 'no store'
        Get-StoreFingerprint | Should -Be $before
        Get-SyncPlugin -Name alpha -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'writes PluginDirectoryNotFound for <Case>, leaves the store as it was, and registers the others' -TestCases @(
        @{ Case = 'a path that does not exist'; Leaf = 'missing'; Expected = '*does not exist*' }
        @{ Case = 'a file'; Leaf = 'alpha.plugin.ps1'; Expected = '*is a file, not a directory*' }
    ) {
        $bad = Join-Path $Plugins $Leaf
        $other = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
        New-ScriptPlugin -Directory $other -Name gamma | Out-Null
        Set-PluginConfiguration -Name folder
        $before = Get-StoreFingerprint

        { Register-SyncPlugin -Path $bad -ErrorAction Stop } | Should -Throw $Expected
        $unchanged = Get-StoreFingerprint
        Register-SyncPlugin -Path $bad, $other -ErrorVariable failures -ErrorAction SilentlyContinue

        $unchanged | Should -Be $before
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PluginDirectoryNotFound,*'
        "$($failures[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $bad
        $failures[0].Exception.Message | Should -BeLike "*'$bad'*"
        @(Get-SyncPlugin | ForEach-Object Name) | Should -Be @('example', 'folder', 'gamma', 'rest')
    }

    It 'refuses an empty path and leaves the store as it was' {
        Set-PluginConfiguration -Name folder
        $before = Get-StoreFingerprint

        { Register-SyncPlugin -Path '' -ErrorAction Stop } | Should -Throw '*Path*'

        Get-StoreFingerprint | Should -Be $before
    }

    It 'registers a directory twice without an error, and lists its plugins once' {
        Register-SyncPlugin -Path $Plugins
        Register-SyncPlugin -Path $Plugins -ErrorVariable failures -WarningVariable warnings

        $failures | Should -BeNullOrEmpty
        $warnings | Should -BeNullOrEmpty
        @(Get-SyncPlugin -Name alpha).Count | Should -Be 1
    }

    It 'resolves a relative path against the current location' {
        Set-Location -LiteralPath (Split-Path $Plugins -Parent)

        Register-SyncPlugin -Path (Join-Path '.' (Split-Path $Plugins -Leaf))

        (Get-SyncPlugin -Name alpha).Source | Should -Be $alpha.FullName
    }

    It 'takes directories from the pipeline, as Get-Item returns them' {
        Get-Item -LiteralPath $Plugins | Register-SyncPlugin

        (Get-SyncPlugin -Name alpha).Source | Should -Be $alpha.FullName
    }

    Context 'PLUGINSYNC_PLUGIN_PATH and conflicts' {
        It 'loads the plugins of every directory in PLUGINSYNC_PLUGIN_PATH without registering them' {
            $second = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
            New-ScriptPlugin -Directory $second -Name gamma | Out-Null
            $env:PLUGINSYNC_PLUGIN_PATH = $Plugins + [IO.Path]::PathSeparator + $second

            $listed = @(Get-SyncPlugin)

            @($listed.Name) | Should -Be @('alpha', 'example', 'folder', 'gamma', 'rest')
            ($listed | Where-Object Name -EQ 'gamma').Source | Should -Be (Join-Path $second 'gamma.plugin.ps1')
            Get-StoreFingerprint | Should -Be 'no store'
        }

        It 'keeps a built-in plugin''s name when a script claims it, with a warning naming both sources' {
            $impostor = New-ScriptPlugin -Directory $Plugins -Name example -FileName 'impostor.plugin.ps1'
            Register-SyncPlugin -Path $Plugins

            $plugin = Get-SyncPlugin -Name example -WarningVariable warnings -WarningAction SilentlyContinue

            "$($plugin.Kind)" | Should -Be 'BuiltIn'
            @($warnings).Count | Should -Be 1
            $warnings[0].Message | Should -BeLike "*'example' is claimed twice*'PluginSync'*'$($impostor.FullName)'*"
            (Get-SyncPlugin -Name alpha -WarningAction SilentlyContinue).Source | Should -Be $alpha.FullName
        }

        It 'gives a name claimed by scripts in two directories to the first, with a warning naming both files' {
            $second = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
            $first = New-ScriptPlugin -Directory $Plugins -Name twin
            $later = New-ScriptPlugin -Directory $second -Name twin
            $env:PLUGINSYNC_PLUGIN_PATH = $Plugins + [IO.Path]::PathSeparator + $second

            $plugin = Get-SyncPlugin -Name twin -WarningVariable warnings -WarningAction SilentlyContinue

            $plugin.Source | Should -Be $first.FullName
            @($warnings).Count | Should -Be 1
            $warnings[0].Message | Should -BeLike "*'twin' is claimed twice*'$($first.FullName)'*'$($later.FullName)'*"
        }

        It 'looks in the registered directories before those of PLUGINSYNC_PLUGIN_PATH' {
            $second = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
            New-ScriptPlugin -Directory $Plugins -Name twin | Out-Null
            $registered = New-ScriptPlugin -Directory $second -Name twin
            $env:PLUGINSYNC_PLUGIN_PATH = $Plugins
            Register-SyncPlugin -Path $second -WarningAction SilentlyContinue

            (Get-SyncPlugin -Name twin -WarningAction SilentlyContinue).Source | Should -Be $registered.FullName
        }

        It 'warns about a plugin directory that does not exist, and still loads the others' {
            $gone = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
            New-ScriptPlugin -Directory $gone -Name gamma | Out-Null
            Register-SyncPlugin -Path $gone, $Plugins
            Remove-Item -LiteralPath $gone -Recurse
            $unset = Join-Path $TestDrive 'never-created'
            $env:PLUGINSYNC_PLUGIN_PATH = $unset

            $listed = @(Get-SyncPlugin -WarningVariable warnings -WarningAction SilentlyContinue)

            @($listed.Name) | Should -Be @('alpha', 'example', 'folder', 'rest')
            @($warnings).Count | Should -Be 2
            $warnings[0].Message | Should -BeLike "*'$gone'*does not exist*"
            $warnings[1].Message | Should -BeLike "*'$unset'*does not exist*"
        }
    }
}
