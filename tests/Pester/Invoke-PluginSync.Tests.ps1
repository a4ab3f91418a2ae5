BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Invoke-PluginSync' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    Context 'runs that cannot start' {
        It 'returns a NotFound result that echoes the name, and SyncPluginNotFound with the result as target' {
            $result = Invoke-PluginSync -Name nosuch -ErrorVariable failures -ErrorAction SilentlyContinue

            @($result).Count | Should -Be 1
            $result | Should -BeOfType 'PluginSync.Engine.Execution.SyncResult'
            $result.Success | Should -BeFalse
            "$($result.ErrorType)" | Should -Be 'NotFound'
            $result.PluginName | Should -Be 'nosuch'
            $result.Error | Should -BeLike "*'nosuch'*"
            $result.SyncHistoryId | Should -BeNullOrEmpty

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SyncPluginNotFound,*'
            "$($failures[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            [object]::ReferenceEquals($failures[0].TargetObject, $result.PSObject.BaseObject) | Should -BeTrue
        }

        It 'returns NotEnabled, with a warning and no error, when the configuration is disabled' {
            Set-ExampleConfiguration | Out-Null

            $result = Invoke-PluginSync -Name example -ErrorVariable failures -ErrorAction SilentlyContinue `
                -WarningVariable warnings -WarningAction SilentlyContinue

            "$($result.ErrorType)" | Should -Be 'NotEnabled'
            $result.Success | Should -BeFalse
            $failures | Should -BeNullOrEmpty
            "$warnings" | Should -Match 'disabled'
            @(Get-SyncHistory).Count | Should -Be 0
        }

        It 'returns NotEnabled, with a warning and no error, when the plugin has no configuration' {
            $result = Invoke-PluginSync -Name example -ErrorVariable failures -ErrorAction SilentlyContinue `
                -WarningVariable warnings -WarningAction SilentlyContinue

            "$($result.ErrorType)" | Should -Be 'NotEnabled'
            $result.PluginName | Should -Be 'example'
            $failures | Should -BeNullOrEmpty
            "$warnings" | Should -Match 'no configuration'
            @(Get-SyncHistory).Count | Should -Be 0
        }

        It 'returns NotConfigured for an enabled example without an api_key, naming the missing key' {
            Set-PluginConfiguration -Name example -Enabled

            $result = Invoke-PluginSync -Name example -ErrorVariable failures -ErrorAction SilentlyContinue

            "$($result.ErrorType)" | Should -Be 'NotConfigured'
            $result.Error | Should -BeLike '*api_key*'
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SyncPluginNotConfigured,*'
            @(Get-SyncHistory).Count | Should -Be 0
        }
    }

    Context 'a successful run' {
        It 'succeeds and leaves exactly one Completed history record with the result''s id' {
            Set-ExampleConfiguration -Enabled | Out-Null
            $historyBefore = @(Get-SyncHistory).Count

            $result = Invoke-PluginSync -Name example -ErrorVariable failures

            $failures.Count | Should -Be 0
            $result.Success | Should -BeTrue
            "$($result.ErrorType)" | Should -Be 'None'
            $result.Error | Should -BeNullOrEmpty
            $result.Processed | Should -BeGreaterThan 0
            $result.StartTime | Should -Not -BeGreaterThan $result.EndTime
            $result.Duration | Should -BeLessThan ([TimeSpan]::FromSeconds(10))

            $history = @(Get-SyncHistory)
            $history.Count | Should -Be ($historyBefore + 1)
            $record = $history[0]
            $record.Id | Should -Be $result.SyncHistoryId
            "$($record.Status)" | Should -Be 'Completed'
            $record.PluginName | Should -Be 'example'
            $record.StartTime | Should -Not -BeGreaterThan $record.EndTime
            $record.Duration | Should -BeLessThan ([TimeSpan]::FromSeconds(10))
            $record.ErrorMessage | Should -BeNullOrEmpty
            $record.Processed | Should -Be $result.Processed
            $record.Created | Should -Be $result.Created
        }

        It 'writes the plugin''s log lines to the verbose stream' {
            Set-ExampleConfiguration -Enabled | Out-Null

            $verbose = @(Invoke-PluginSync -Name example -Verbose 4>&1 |
                    Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })

            @($verbose | Where-Object { $_.Message -like '`[example`]*' }).Count | Should -BeGreaterThan 0
        }

        It 'names the history record it opened in the verbose stream' {
            Set-ExampleConfiguration -Enabled | Out-Null

            $output = @(Invoke-PluginSync -Name example -Verbose 4>&1)

            $result = @($output | Where-Object { $_ -is [PluginSync.Engine.Execution.SyncResult] })[0]
            $messages = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } |
                    ForEach-Object { $_.Message })
            @($messages -match "opened history record $($result.SyncHistoryId) ").Count | Should -Be 1
        }

        It 'records the machine, user and process of the run' {
            Set-ExampleConfiguration -Enabled | Out-Null

            $result = Invoke-PluginSync -Name example

            $record = Get-SyncHistory -Id $result.SyncHistoryId
            $record.ProcessId | Should -Be $PID
            $record.Host | Should -Be ([Environment]::MachineName)
            $record.User | Should -Be ([Environment]::UserName)
        }

        It 'runs each configuration piped in from Get-PluginConfiguration' {
            Set-ExampleConfiguration -Enabled | Out-Null
            $source = New-SourceTree (Join-Path $TestStore.Work 'source')
            Set-FolderConfiguration -Source $source -Destination (Join-Path $TestStore.Work 'destination') -Enabled |
                Out-Null

            $results = @(Get-PluginConfiguration | Invoke-PluginSync)

            @($results | ForEach-Object { $_.PluginName }) | Should -Be @('example', 'folder')
            @($results | Where-Object { $_.Success }).Count | Should -Be 2
            @(Get-SyncHistory).Count | Should -Be 2
        }

        It 'runs each plugin piped in by name' {
            Set-ExampleConfiguration -Enabled | Out-Null

            $results = @('example', 'nosuch' | Invoke-PluginSync -ErrorAction SilentlyContinue)

            @($results | ForEach-Object { $_.PluginName }) | Should -Be @('example', 'nosuch')
            @($results | ForEach-Object { "$($_.ErrorType)" }) | Should -Be @('None', 'NotFound')
        }

        It 'runs nothing and writes no history record with -WhatIf' {
            Set-ExampleConfiguration -Enabled | Out-Null

            $results = @(Invoke-PluginSync -Name example -WhatIf)

            $results.Count | Should -Be 0
            @(Get-SyncHistory).Count | Should -Be 0
        }
    }

    Context 'failed runs' {
        BeforeEach {
            $missing = Join-Path $TestStore.Work 'missing-source'
            Set-FolderConfiguration -Source $missing -Destination (Join-Path $TestStore.Work 'destination') -Enabled |
                Out-Null
        }

        It 'returns ExecutionError for a folder run whose source is missing, and records it as Failed naming the path' {
            $result = Invoke-PluginSync -Name folder -ErrorVariable failures -ErrorAction SilentlyContinue

            "$($result.ErrorType)" | Should -Be 'ExecutionError'
            $result.Success | Should -BeFalse
            $result.Error | Should -BeLike "*$([WildcardPattern]::Escape($missing))*"
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SyncExecutionFailed,*'

            $record = Get-SyncHistory -Id $result.SyncHistoryId
            "$($record.Status)" | Should -Be 'Failed'
            $record.ErrorMessage | Should -BeLike "*$([WildcardPattern]::Escape($missing))*"
        }

        It 'turns a failed run into a terminating error with -ErrorAction Stop' {
            { Invoke-PluginSync -Name folder -ErrorAction Stop } | Should -Throw -ErrorId 'SyncExecutionFailed,*'
        }

        It 'stops before the next plugin with -ErrorAction Stop' {
            Set-ExampleConfiguration -Enabled | Out-Null

            { Invoke-PluginSync -Name folder, example -ErrorAction Stop } | Should -Throw

            @(Get-SyncHistory -Name example).Count | Should -Be 0
        }

        It 'fills -ErrorVariable with the failure and sets $? to $false' {
            $result = Invoke-PluginSync -Name folder -ErrorVariable failures -ErrorAction SilentlyContinue
            $succeeded = $?

            $succeeded | Should -BeFalse
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SyncExecutionFailed,*'
            [object]::ReferenceEquals($failures[0].TargetObject, $result.PSObject.BaseObject) | Should -BeTrue
            $failures[0].Exception.Result.SyncHistoryId | Should -Be $result.SyncHistoryId
        }

        It 'makes pwsh -Command exit non-zero when the run failed, and zero when it succeeded' {
            Set-ExampleConfiguration -Enabled | Out-Null
            $process = (Get-Process -Id $PID).Path
            $arguments = @()
            if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
                $arguments += Join-Path $PSHOME 'pwsh.dll'
            }
            $import = "Import-Module '$($ModuleManifest -replace "'", "''")'"

            $failed = & $process @arguments -NoProfile -NonInteractive -Command "$import; Invoke-PluginSync folder" 2>&1
            $failedExitCode = $LASTEXITCODE
            $succeeded = & $process @arguments -NoProfile -NonInteractive -Command "$import; Invoke-PluginSync example"
            $succeededExitCode = $LASTEXITCODE

            $failedExitCode | Should -Not -Be 0 -Because ($failed | Out-String)
            $succeededExitCode | Should -Be 0 -Because ($succeeded | Out-String)
        }

        It 'sets $? to $true after a successful run' {
            Set-ExampleConfiguration -Enabled | Out-Null

            $null = Invoke-PluginSync -Name example
            $succeeded = $?

            $succeeded | Should -BeTrue
        }
    }

    Context 'runs of every enabled plugin' {
        It 'returns nothing with -All when nothing is enabled' {
            Set-ExampleConfiguration | Out-Null
            Set-PluginConfiguration -Name folder

            $results = @(Invoke-PluginSync -All -ErrorVariable failures)

            $results.Count | Should -Be 0
            $failures.Count | Should -Be 0
            @(Get-SyncHistory).Count | Should -Be 0
        }

        It 'returns one empty summary with -All -Summary when nothing is enabled' {
            Set-ExampleConfiguration | Out-Null

            $summaries = @(Invoke-PluginSync -All -Summary)

            $summaries.Count | Should -Be 1
            $summaries[0].Total | Should -Be 0
            $summaries[0].Total | Should -Be ($summaries[0].Successful + $summaries[0].Failed + $summaries[0].Skipped)
        }

        It 'returns one result with -All when one configuration is enabled and one disabled' {
            Set-ExampleConfiguration -Enabled | Out-Null
            Set-PluginConfiguration -Name folder

            $results = @(Invoke-PluginSync -All)

            $results.Count | Should -Be 1
            $results[0].PluginName | Should -Be 'example'
            $results[0].Success | Should -BeTrue
        }

        It 'returns one summary whose Total is Successful + Failed + Skipped with -Summary' {
            Set-ExampleConfiguration -Enabled | Out-Null
            Set-PluginConfiguration -Name folder -Enabled

            $summaries = @(Invoke-PluginSync -Name example, folder, nosuch -Summary -ErrorAction SilentlyContinue)

            $summaries.Count | Should -Be 1
            $summary = $summaries[0]
            $summary | Should -BeOfType 'PluginSync.Engine.Execution.SyncSummary'
            $summary.Total | Should -Be 3
            $summary.Total | Should -Be ($summary.Successful + $summary.Failed + $summary.Skipped)
            $summary.Successful | Should -Be 1
            $summary.Failed | Should -Be 2
            @($summary.Results).Count | Should -Be 3
        }

        It 'counts a disabled configuration as Skipped in the summary' {
            Set-ExampleConfiguration | Out-Null

            $summary = Invoke-PluginSync -Name example -Summary -ErrorAction SilentlyContinue

            $summary.Total | Should -Be 1
            $summary.Skipped | Should -Be 1
            $summary.Total | Should -Be ($summary.Successful + $summary.Failed + $summary.Skipped)
        }

        It 'counts an enabled configuration whose plugin does not exist as a NotFound failure with -All -Summary' {
            Set-ExampleConfiguration -Enabled | Out-Null
            Add-OrphanConfiguration -Name ghost

            $summary = Invoke-PluginSync -All -Summary -ErrorVariable failures -ErrorAction SilentlyContinue

            @($summary).Count | Should -Be 1
            $summary.Total | Should -Be 2
            $summary.Total | Should -Be ($summary.Successful + $summary.Failed + $summary.Skipped)
            $summary.Successful | Should -Be 1
            $summary.Failed | Should -Be 1
            $ghost = @($summary.Results | Where-Object { $_.PluginName -eq 'ghost' })
            $ghost.Count | Should -Be 1
            "$($ghost[0].ErrorType)" | Should -Be 'NotFound'
            @($failures | Where-Object { $_.FullyQualifiedErrorId -like 'SyncPluginNotFound,*' }).Count | Should -Be 1
        }

        It 'returns a NotFound result for an orphan configuration with -All' {
            Add-OrphanConfiguration -Name ghost

            $results = @(Invoke-PluginSync -All -ErrorAction SilentlyContinue)

            $results.Count | Should -Be 1
            $results[0].PluginName | Should -Be 'ghost'
            "$($results[0].ErrorType)" | Should -Be 'NotFound'
        }

        It 'runs nothing with -All -WhatIf' {
            Set-ExampleConfiguration -Enabled | Out-Null

            $results = @(Invoke-PluginSync -All -WhatIf)

            $results.Count | Should -Be 0
            @(Get-SyncHistory).Count | Should -Be 0
        }
    }

    Context 'the folder plugin' {
        BeforeEach {
            $source = New-SourceTree (Join-Path $TestStore.Work 'source')
            $destination = Join-Path $TestStore.Work 'destination'
            $fileCount = @(Get-ChildItem -LiteralPath $source -Recurse -File).Count
        }

        It 'copies every file on the first run' {
            Set-FolderConfiguration -Source $source -Destination $destination -Enabled | Out-Null

            $result = Invoke-PluginSync -Name folder

            $result.Success | Should -BeTrue
            $result.Created | Should -Be $fileCount
            Get-Content -LiteralPath (Join-Path (Join-Path $destination 'sub') 'three.txt') | Should -Be 'three'
        }

        It 'copies nothing on a second run over an unchanged tree' {
            Set-FolderConfiguration -Source $source -Destination $destination -Enabled | Out-Null
            Invoke-PluginSync -Name folder | Out-Null

            $second = Invoke-PluginSync -Name folder

            $second.Success | Should -BeTrue
            ($second.Created + $second.Updated) | Should -Be 0
            $second.Skipped | Should -Be $fileCount
        }

        It 'updates a file that changed between runs' {
            Set-FolderConfiguration -Source $source -Destination $destination -Enabled | Out-Null
            Invoke-PluginSync -Name folder | Out-Null
            $changed = Join-Path $source 'one.txt'
            Set-Content -LiteralPath $changed -Value 'one, changed'
            (Get-Item -LiteralPath $changed).LastWriteTimeUtc = [DateTime]::UtcNow.AddMinutes(1)

            $second = Invoke-PluginSync -Name folder

            $second.Updated | Should -Be 1
            $second.Created | Should -Be 0
            $second.Skipped | Should -Be ($fileCount - 1)
            Get-Content -LiteralPath (Join-Path $destination 'one.txt') | Should -Be 'one, changed'
        }

        It 'creates a file added between runs' {
            Set-FolderConfiguration -Source $source -Destination $destination -Enabled | Out-Null
            Invoke-PluginSync -Name folder | Out-Null
            Set-Content -LiteralPath (Join-Path $source 'four.txt') -Value 'four'

            $second = Invoke-PluginSync -Name folder

            $second.Created | Should -Be 1
            $second.Updated | Should -Be 0
            Test-Path -LiteralPath (Join-Path $destination 'four.txt') | Should -BeTrue
        }

        It 'keeps extra destination files when Delete is false' {
            Set-FolderConfiguration -Source $source -Destination $destination -Delete $false -Enabled | Out-Null
            Invoke-PluginSync -Name folder | Out-Null
            $extra = Join-Path $destination 'extra.txt'
            Set-Content -LiteralPath $extra -Value 'only in the destination'

            $second = Invoke-PluginSync -Name folder

            $second.Success | Should -BeTrue
            $second.Deleted | Should -Be 0
            Test-Path -LiteralPath $extra | Should -BeTrue
        }

        It 'deletes extra destination files when Delete is true' {
            Set-FolderConfiguration -Source $source -Destination $destination -Delete $true -Enabled | Out-Null
            Invoke-PluginSync -Name folder | Out-Null
            $extra = Join-Path $destination 'extra.txt'
            Set-Content -LiteralPath $extra -Value 'only in the destination'

            $second = Invoke-PluginSync -Name folder

            $second.Deleted | Should -Be 1
            Test-Path -LiteralPath $extra | Should -BeFalse
        }
    }
}
