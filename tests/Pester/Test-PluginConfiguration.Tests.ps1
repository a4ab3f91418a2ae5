BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    $Declaration = "Credentials = @(@{ Name = 'token' }, @{ Name = 'spare'; Required = `$false }); " +
        "Settings = @(@{ Name = 'Count'; Type = 'Integer'; Default = 5; Minimum = 1 }, " +
        "@{ Name = 'Folder'; Type = 'Path'; Required = `$true })"
}

Describe 'Test-PluginConfiguration' {
    BeforeEach {
        $TestStore = Enter-TestStore
        $Plugins = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
        $env:PLUGINSYNC_PLUGIN_PATH = $Plugins
        New-ScriptPlugin -Directory $Plugins -Name probe -Declaration $Declaration | Out-Null
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'returns one passing check per step for a script plugin, and no check of its own' {
        Set-PluginConfiguration -Name probe -Secret @{ token = 'tok-value' } -Setting @{ Folder = $TestStore.Work } `
            -Enabled

        $checks = @(Test-PluginConfiguration -Name probe)

        @($checks.Check) | Should -Be @('Plugin found', 'Configuration exists', 'Enabled', "Credential 'token'",
            "Credential 'spare'", "Setting 'Count'", "Setting 'Folder'")
        foreach ($check in $checks) {
            $check | Should -BeOfType 'PluginSync.PluginCheckResult'
            $check.Passed | Should -BeTrue
            $check.PluginName | Should -Be 'probe'
            $check.Message | Should -Not -BeNullOrEmpty
        }
        $checks[0].Message | Should -BeLike '*Script*probe*'
        $checks[4].Message | Should -BeLike '*Optional*not set*'
        $checks[5].Message | Should -Be '5'
    }

    It 'returns the same checks, and none of its own, for a compiled plugin from a plugin directory' {
        New-AssemblyPlugin -Directory $Plugins -Name compiled | Out-Null
        Set-PluginConfiguration -Name compiled -Secret @{ key = 'k-value' } -Enabled

        $checks = @(Test-PluginConfiguration -Name compiled)

        @($checks.Check) | Should -Be @('Plugin found', 'Configuration exists', 'Enabled', "Credential 'key'",
            "Setting 'Size'")
        @($checks | Where-Object { -not $_.Passed }).Count | Should -Be 0
        $checks[0].Message | Should -BeLike '*Assembly*compiled*'
    }

    It 'returns $true with -Quiet when every check passes and $false when one fails, one value per name' {
        Set-PluginConfiguration -Name probe -Secret @{ token = 'tok-value' } -Setting @{ Folder = $TestStore.Work } `
            -Enabled
        Set-PluginConfiguration -Name folder -Enabled

        $answers = @('probe', 'folder', 'nosuch' | Test-PluginConfiguration -Quiet)

        $answers | Should -Be @($true, $false, $false)
        $answers[0] | Should -BeOfType [bool]
    }

    It 'fails the check <Check> and says what to do when <Case>' -TestCases @(
        @{
            Case     = 'there is no plugin of that name'
            Name     = 'nosuch'
            Setup    = {}
            Check    = 'Plugin found'
            Expected = "*no plugin named 'nosuch'*Known plugins: example, folder, probe*"
        }
        @{
            Case     = 'the plugin has no configuration'
            Name     = 'probe'
            Setup    = {}
            Check    = 'Configuration exists'
            Expected = '*Set-PluginConfiguration -Name probe*'
        }
        @{
            Case     = 'the configuration is disabled'
            Name     = 'probe'
            Setup    = {
                Set-PluginConfiguration -Name probe -Secret @{ token = 't-value' } -Setting @{ Folder = $PSHOME }
            }
            Check    = 'Enabled'
            Expected = '*Enable-SyncPlugin -Name probe*'
        }
        @{
            Case     = 'a required credential is not set'
            Name     = 'probe'
            Setup    = { Set-PluginConfiguration -Name probe -Setting @{ Folder = $PSHOME } -Enabled }
            Check    = "Credential 'token'"
            Expected = "*Set-PluginConfiguration -Name probe -Secret @{ token = '...' }*"
        }
        @{
            Case     = 'a required setting is not set'
            Name     = 'probe'
            Setup    = { Set-PluginConfiguration -Name probe -Secret @{ token = 't-value' } -Enabled }
            Check    = "Setting 'Folder'"
            Expected = '*Set-PluginConfiguration -Name probe -Setting @{ Folder = ... }*'
        }
    ) {
        & $Setup

        $checks = @(Test-PluginConfiguration -Name $Name)

        $failed = @($checks | Where-Object { -not $_.Passed })
        $failed.Count | Should -Be 1
        $failed[0].Check | Should -Be $Check
        $failed[0].Message | Should -BeLike $Expected
        Test-PluginConfiguration -Name $Name -Quiet | Should -BeFalse
    }

    It 'writes no history, runs no sync and changes nothing in the store' {
        $marker = Join-Path $TestStore.Work 'ran.txt'
        New-ScriptPlugin -Directory $Plugins -Name marking -Body "Set-Content -LiteralPath '$marker' -Value ran" |
            Out-Null
        Set-PluginConfiguration -Name marking -Enabled
        Set-PluginConfiguration -Name probe -Secret @{ token = 'tok-value' } -Setting @{ Folder = $TestStore.Work } `
            -Enabled
        $before = Get-StoreFingerprint

        $checks = @(Test-PluginConfiguration -Name marking, probe)
        $null = Test-PluginConfiguration -Name marking, probe -Quiet

        $checks.Count | Should -Be 10
        Get-StoreFingerprint | Should -Be $before
        Get-SyncHistory | Should -BeNullOrEmpty
        Test-Path -LiteralPath $marker | Should -BeFalse
    }

    It 'takes names from Get-PluginConfiguration through the pipeline' {
        Set-PluginConfiguration -Name probe -Secret @{ token = 'tok-value' } -Setting @{ Folder = $TestStore.Work } `
            -Enabled
        Set-PluginConfiguration -Name folder

        $checks = @(Get-PluginConfiguration | Test-PluginConfiguration)

        @($checks.PluginName | Select-Object -Unique) | Should -Be @('folder', 'probe')
    }
}
