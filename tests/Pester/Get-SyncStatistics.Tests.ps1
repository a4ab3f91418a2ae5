BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Get-SyncStatistics' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'returns nothing and no error from a missing store, and creates none' {
        $statistics = @(Get-SyncStatistics -ErrorVariable failures)

        $statistics.Count | Should -Be 0
        $failures.Count | Should -Be 0
        Test-Path -LiteralPath (Get-StoreFilePath) | Should -BeFalse
    }

    It 'refuses a name that is not a plugin name, quoting it' {
        $thrown = { Get-SyncStatistics -Name 'bad name!' } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*' -PassThru

        $thrown.Exception.Message | Should -BeLike "*'bad name!'*"
    }

    Context 'with runs of two plugins' {
        BeforeEach {
            Set-ExampleConfiguration -Enabled | Out-Null
            $missing = Join-Path $TestStore.Work 'missing-source'
            Set-FolderConfiguration -Source $missing -Destination (Join-Path $TestStore.Work 'destination') -Enabled |
                Out-Null

            # example succeeds twice; folder fails once, because its source is missing.
            $runs = @(
                Invoke-PluginSync -Name example
                Invoke-PluginSync -Name folder -ErrorAction SilentlyContinue
                Invoke-PluginSync -Name example
            )
        }

        It 'returns one object per plugin, in name order, with runs, successes and failures' {
            $statistics = @(Get-SyncStatistics)

            $statistics.Count | Should -Be 2
            $statistics[0] | Should -BeOfType 'PluginSync.Engine.History.PluginStatistics'
            @($statistics | ForEach-Object PluginName) | Should -Be @('example', 'folder')
            $statistics[0].Runs | Should -Be 2
            $statistics[0].Successes | Should -Be 2
            $statistics[0].SuccessRate | Should -Be 1
            $statistics[1].Runs | Should -Be 1
            $statistics[1].Failures | Should -Be 1
            $statistics[1].SuccessRate | Should -Be 0
        }

        It 'reports the newest success and failure and adds up the counters' {
            $example = Get-SyncStatistics -Name example
            $folder = Get-SyncStatistics -Name folder

            $example.LastSuccess | Should -Be $runs[2].StartTime
            $example.LastSuccess.Kind | Should -Be ([DateTimeKind]::Utc)
            $example.LastFailure | Should -BeNullOrEmpty
            $example.Processed | Should -Be ($runs[0].Processed + $runs[2].Processed)
            $example.Created | Should -Be ($runs[0].Created + $runs[2].Created)
            $folder.LastFailure | Should -Be $runs[1].StartTime
        }

        It 'gives a median and 95th percentile duration within 2.5% of the runs' {
            $example = Get-SyncStatistics -Name example
            $durations = @($runs[0].Duration, $runs[2].Duration) | Sort-Object

            $example.MedianDuration | Should -BeOfType [TimeSpan]
            $tolerance = [Math]::Max(0.025 * $durations[0].TotalMilliseconds, 0.03)
            [Math]::Abs($example.MedianDuration.TotalMilliseconds - $durations[0].TotalMilliseconds) |
                Should -BeLessOrEqual $tolerance
        }

        It 'filters by a wildcard given to -Name' {
            @(Get-SyncStatistics -Name 'ex*' | ForEach-Object PluginName) | Should -Be @('example')
            @(Get-SyncStatistics -Name 'nosuch').Count | Should -Be 0
        }

        It 'takes plugin names from configurations on the pipeline' {
            $statistics = @(Get-PluginConfiguration -Name folder | Get-SyncStatistics)

            @($statistics | ForEach-Object PluginName) | Should -Be @('folder')
        }

        It 'counts only the runs that started at or after -After' {
            @(Get-SyncStatistics -After $runs[2].StartTime | ForEach-Object Runs) | Should -Be @(1)
            @(Get-SyncStatistics -After (Get-Date).AddHours(1)).Count | Should -Be 0
            (Get-SyncStatistics -Name example -After (Get-Date).AddHours(-1)).Runs | Should -Be 2
        }

        It 'shows the success rate as a percentage in its table view' {
            $table = Get-SyncStatistics | Format-Table | Out-String

            $table | Should -Match 'PluginName\s+Runs\s+Failures\s+Success'
            $table | Should -Match 'example\s+2\s+0\s+100[.,]0\s?%'
            $table | Should -Match 'folder\s+1\s+1\s+0[.,]0\s?%'
        }
    }
}
