BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Get-SyncHistory' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'returns nothing and no error from an empty store' {
        $records = @(Get-SyncHistory -ErrorVariable failures)

        $records.Count | Should -Be 0
        $failures.Count | Should -Be 0
    }

    Context 'with runs of two plugins' {
        BeforeEach {
            Set-ExampleConfiguration -Enabled | Out-Null
            $missing = Join-Path $TestStore.Work 'missing-source'
            Set-FolderConfiguration -Source $missing -Destination (Join-Path $TestStore.Work 'destination') -Enabled |
                Out-Null

            # Three runs: example succeeds, folder fails (its source is missing), example succeeds again.
            $runs = @(
                Invoke-PluginSync -Name example
                Invoke-PluginSync -Name folder -ErrorAction SilentlyContinue
                Invoke-PluginSync -Name example
            )
            $ids = @($runs | ForEach-Object { $_.SyncHistoryId })
        }

        It 'returns the three records of three runs, newest first' {
            $records = @(Get-SyncHistory)

            $records.Count | Should -Be 3
            $records[0] | Should -BeOfType 'PluginSync.Engine.History.HistoryRecord'
            @($records | ForEach-Object { $_.Id }) | Should -Be @($ids[2], $ids[1], $ids[0])
            $records[0].Id | Should -BeGreaterThan $records[1].Id
            $records[1].Id | Should -BeGreaterThan $records[2].Id
        }

        It 'returns the newest records with -Last 2' {
            $records = @(Get-SyncHistory -Last 2)

            @($records | ForEach-Object { $_.Id }) | Should -Be @($ids[2], $ids[1])
        }

        It 'returns only failed runs with -Status Failed' {
            $records = @(Get-SyncHistory -Status Failed)

            $records.Count | Should -Be 1
            $records[0].Id | Should -Be $ids[1]
            $records[0].PluginName | Should -Be 'folder'
            "$($records[0].Status)" | Should -Be 'Failed'
        }

        It 'returns only completed runs with -Status Completed' {
            $records = @(Get-SyncHistory -Status Completed)

            @($records | ForEach-Object { $_.Id }) | Should -Be @($ids[2], $ids[0])
        }

        It 'returns the record with the id given to -Id' {
            $records = @(Get-SyncHistory -Id $ids[0])

            $records.Count | Should -Be 1
            $records[0].Id | Should -Be $ids[0]
            $records[0].PluginName | Should -Be 'example'
        }

        It 'returns nothing for an id that does not exist' {
            $records = @(Get-SyncHistory -Id 999999)

            $records.Count | Should -Be 0
        }

        It 'returns the records of one plugin with -Name' {
            $records = @(Get-SyncHistory -Name EXAMPLE)

            @($records | ForEach-Object { $_.Id }) | Should -Be @($ids[2], $ids[0])
        }

        It 'returns the records of the plugins that match a wildcard given to -Name' {
            @(Get-SyncHistory -Name 'ex*' | ForEach-Object { $_.Id }) | Should -Be @($ids[2], $ids[0])
            @(Get-SyncHistory -Name 'f?lder' | ForEach-Object { $_.Id }) | Should -Be @($ids[1])
            @(Get-SyncHistory -Name '*' | ForEach-Object { $_.Id }) | Should -Be @($ids[2], $ids[1], $ids[0])
        }

        It 'applies -Last after a wildcard -Name' {
            $records = @(Get-SyncHistory -Name 'ex*' -Last 1)

            @($records | ForEach-Object { $_.Id }) | Should -Be @($ids[2])
        }

        It 'finds the record of a result piped into it' {
            $records = @($runs[1] | Get-SyncHistory)

            $records.Count | Should -Be 1
            $records[0].Id | Should -Be $runs[1].SyncHistoryId
            $records[0].PluginName | Should -Be 'folder'
        }

        It 'takes results of runs that never started from the pipeline without a binding error' {
            $results = @(
                Invoke-PluginSync -Name example
                Invoke-PluginSync -Name nosuch -ErrorAction SilentlyContinue
            )

            $records = @($results | Get-SyncHistory -ErrorVariable failures -ErrorAction SilentlyContinue)

            @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -BeNullOrEmpty
            @($records | ForEach-Object { $_.Id }) | Should -Be @($results[0].SyncHistoryId)
        }

        It 'takes configurations from the pipeline and returns their records' {
            $records = @(Get-PluginConfiguration -Name folder | Get-SyncHistory)

            @($records | ForEach-Object { $_.Id }) | Should -Be @($ids[1])
        }

        It 'keeps the runs that started in the range given by -After and -Before' {
            $records = @(Get-SyncHistory -After (Get-Date).AddHours(-1) -Before (Get-Date).AddHours(1))

            $records.Count | Should -Be 3
        }

        It 'returns nothing for a range that ended before the runs' {
            $records = @(Get-SyncHistory -Before (Get-Date).AddHours(-1))

            $records.Count | Should -Be 0
        }

        It 'returns nothing for a range that starts after the runs' {
            $records = @(Get-SyncHistory -After (Get-Date).AddHours(1))

            $records.Count | Should -Be 0
        }

        It 'refuses -After later than -Before with a terminating error' {
            $after = (Get-Date).AddDays(1)
            $before = (Get-Date).AddDays(-1)

            $thrown = { Get-SyncHistory -After $after -Before $before } |
                Should -Throw -ErrorId 'HistoryRangeInvalid,*' -PassThru

            "$($thrown.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            $thrown.Exception.Message | Should -BeLike '*-After*-Before*'
        }
    }

    Context 'in a time zone far from UTC' {
        BeforeEach {
            # TZ moves the local time zone on Linux and macOS; elsewhere the test runs in the machine's own zone.
            $previousZone = [Environment]::GetEnvironmentVariable('TZ')
            $env:TZ = 'Pacific/Kiritimati'
            [TimeZoneInfo]::ClearCachedData()

            Set-ExampleConfiguration -Enabled | Out-Null
            $result = Invoke-PluginSync -Name example
        }

        AfterEach {
            [Environment]::SetEnvironmentVariable('TZ', $previousZone)
            [TimeZoneInfo]::ClearCachedData()
        }

        It 'reads start and end times back as UTC' {
            $record = Get-SyncHistory -Id $result.SyncHistoryId

            $record.StartTime.Kind | Should -Be ([DateTimeKind]::Utc)
            $record.EndTime.Kind | Should -Be ([DateTimeKind]::Utc)
            ([DateTime]::UtcNow - $record.StartTime).Duration() | Should -BeLessThan ([TimeSpan]::FromMinutes(5))
        }

        It 'compares -After and -Before given in local time with the UTC start times' {
            $now = Get-Date

            @(Get-SyncHistory -After $now.AddMinutes(-10)).Count | Should -Be 1
            @(Get-SyncHistory -Before $now.AddMinutes(-10)).Count | Should -Be 0
            @(Get-SyncHistory -After $now.AddMinutes(10)).Count | Should -Be 0
        }
    }

    It 'takes plugin names from the pipeline by value' {
        Set-ExampleConfiguration -Enabled | Out-Null
        $null = Invoke-PluginSync -Name example

        @('example' | Get-SyncHistory).Count | Should -Be 1
    }

    It 'passes its records down the pipeline to the configuration and plugin commands by plugin name' {
        Set-ExampleConfiguration -Enabled | Out-Null
        $null = Invoke-PluginSync -Name example

        (Get-SyncHistory | Get-PluginConfiguration).Name | Should -Be 'example'
        (Get-SyncHistory | Get-SyncPlugin).Name | Should -Be 'example'
        Get-SyncHistory | Disable-SyncPlugin
        (Get-PluginConfiguration -Name example).Enabled | Should -BeFalse
    }
}
