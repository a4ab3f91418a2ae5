BeforeDiscovery {
    $Cmdlets = @(
        'Clear-SyncHistory'
        'Disable-SyncPlugin'
        'Enable-SyncPlugin'
        'Export-SyncReport'
        'Get-PluginConfiguration'
        'Get-SyncAuditLog'
        'Get-SyncHistory'
        'Get-SyncPlugin'
        'Get-SyncStatistics'
        'Invoke-PluginSync'
        'Register-SyncPlugin'
        'Remove-PluginConfiguration'
        'Set-PluginConfiguration'
        'Test-PluginConfiguration'
        'Unregister-SyncPlugin'
    )
    $CmdletsWithOutput = $Cmdlets | Where-Object { $_ -notin 'Remove-PluginConfiguration', 'Unregister-SyncPlugin' } |
        ForEach-Object { @{ Command = $_ } }
    $ChangingCmdlets = @(
        'Clear-SyncHistory'
        'Set-PluginConfiguration'
        'Remove-PluginConfiguration'
        'Enable-SyncPlugin'
        'Disable-SyncPlugin'
        'Invoke-PluginSync'
        'Register-SyncPlugin'
        'Unregister-SyncPlugin'
        'Export-SyncReport'
    ) | ForEach-Object { @{ Command = $_ } }
    $NameCmdlets = $Cmdlets | Where-Object { $_ -notlike '*register-SyncPlugin' } | ForEach-Object { @{ Command = $_ } }
    $OutputTypes = @(
        'PluginSync.Engine.Execution.SyncResult'
        'PluginSync.Engine.Execution.SyncSummary'
        'PluginSync.Engine.History.HistoryRecord'
        'PluginSync.Engine.History.PluginStatistics'
        'PluginSync.Engine.History.HistoryClearResult'
        'PluginSync.Engine.Configuration.PluginConfiguration'
        'PluginSync.Output.SyncPluginInfo'
        'PluginSync.PluginCheckResult'
        'PluginSync.Engine.Audit.AuditEntry'
    ) | ForEach-Object { @{ TypeName = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    $ExpectedCmdlets = @(
        'Clear-SyncHistory'
        'Disable-SyncPlugin'
        'Enable-SyncPlugin'
        'Export-SyncReport'
        'Get-PluginConfiguration'
        'Get-SyncAuditLog'
        'Get-SyncHistory'
        'Get-SyncPlugin'
        'Get-SyncStatistics'
        'Invoke-PluginSync'
        'Register-SyncPlugin'
        'Remove-PluginConfiguration'
        'Set-PluginConfiguration'
        'Test-PluginConfiguration'
        'Unregister-SyncPlugin'
    )
}

Describe 'The PluginSync module' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    Context 'importing' {
        It 'imports twice in a row with Import-Module -Force without error' {
            {
                Import-Module $ModuleManifest -Force -ErrorAction Stop
                Import-Module $ModuleManifest -Force -ErrorAction Stop
            } | Should -Not -Throw

            (Get-SyncPlugin -Name example).Name | Should -Be 'example'
        }

        It 'imports twice in a row with Import-Module -Force in a fresh PowerShell process' {
            $process = (Get-Process -Id $PID).Path
            $arguments = @()
            if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
                # The pinned tool runs as "dotnet pwsh.dll".
                $arguments += Join-Path $PSHOME 'pwsh.dll'
            }

            $escaped = $ModuleManifest -replace "'", "''"
            $script = "`$ErrorActionPreference = 'Stop'; Import-Module '$escaped' -Force; " +
                "Import-Module '$escaped' -Force; (Get-SyncPlugin -Name example).Name"
            $output = & $process @arguments -NoProfile -NonInteractive -Command $script 2>&1

            $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
            @($output)[-1] | Should -Be 'example'
        }

        It 'exports exactly the cmdlets listed here, and nothing else' {
            $module = Get-Module PluginSync

            @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $ExpectedCmdlets
            $module.ExportedFunctions.Count | Should -Be 0
            $module.ExportedAliases.Count | Should -Be 0
            $module.ExportedVariables.Count | Should -Be 0
        }
    }

    Context 'output types' {
        It '<Command> declares its output type with [OutputType]' -ForEach $CmdletsWithOutput {
            @((Get-Command $Command).OutputType) | Should -Not -BeNullOrEmpty
        }

        It 'Remove-PluginConfiguration declares with [OutputType] that it outputs nothing' {
            $declared = @((Get-Command Remove-PluginConfiguration).OutputType)

            $declared.Count | Should -Be 1
            $declared[0].Type | Should -Be ([void])
        }

        It 'Invoke-PluginSync declares both the result and the summary as output types' {
            $names = @((Get-Command Invoke-PluginSync).OutputType | ForEach-Object { $_.Type.FullName })

            $names | Should -Contain 'PluginSync.Engine.Execution.SyncResult'
            $names | Should -Contain 'PluginSync.Engine.Execution.SyncSummary'
        }

        It '<TypeName> has a table view' -ForEach $OutputTypes {
            $views = @(Get-FormatData -TypeName $TypeName)

            $views.Count | Should -BeGreaterThan 0
            $controls = @($views | ForEach-Object { $_.FormatViewDefinition } | ForEach-Object { $_.Control })
            @($controls | Where-Object { $_ -is [System.Management.Automation.TableControl] }).Count |
                Should -BeGreaterThan 0
        }
    }

    Context 'help' {
        It 'has help with a synopsis and at least one example for every cmdlet' {
            $missing = foreach ($command in $ExpectedCmdlets) {
                $help = Get-Help $command -Full
                $examples = @($help.examples.example | Where-Object { $null -ne $_ })
                # Without written help, PowerShell makes the synopsis from the syntax line.
                $synopsis = "$($help.Synopsis)".Trim()
                if ($examples.Count -eq 0 -or $synopsis -like "$command *" -or $synopsis -eq '') {
                    $command
                }
            }

            @($missing) | Should -BeNullOrEmpty -Because 'every cmdlet ships help with examples'
        }
    }

    Context 'parameters' {
        It '<Command> supports -WhatIf and -Confirm' -ForEach $ChangingCmdlets {
            $parameters = (Get-Command $Command).Parameters

            $parameters.Keys | Should -Contain 'WhatIf'
            $parameters.Keys | Should -Contain 'Confirm'
        }

        It '<Command> completes plugin names for -Name' -ForEach $NameCmdlets {
            $line = "$Command -Name ex"

            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length

            @($completion.CompletionMatches | ForEach-Object { $_.CompletionText }) | Should -Contain 'example'
        }

        It 'completes the name of a configuration whose plugin is gone' {
            Add-OrphanConfiguration -Name ghost
            $line = 'Invoke-PluginSync -Name gh'

            $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length

            @($completion.CompletionMatches | ForEach-Object { $_.CompletionText }) | Should -Contain 'ghost'
        }
    }
}
