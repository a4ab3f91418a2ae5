# Unattended runs: run locks across processes, killed processes, Ctrl+C, timeouts, retries, state,
# parallel -All and the scheduled-sync script's exit codes.
Describe 'Unattended runs' {
    BeforeAll {
        $script:modulePath = Join-Path $PSScriptRoot '..' '..' 'PluginSync.psd1'
        $script:scheduledScript = Join-Path $PSScriptRoot '..' '..' 'examples' 'scheduled-sync.ps1'
        . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

        function Wait-RunningRecord([string] $Name, [int] $Seconds = 30) {
            $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
            while ([DateTime]::UtcNow -lt $deadline) {
                $running = Get-SyncHistory -Name $Name -Status Running -WarningAction SilentlyContinue
                if ($running) { return $running | Select-Object -First 1 }
                Start-Sleep -Milliseconds 100
            }
            throw "No Running record of '$Name' appeared within $Seconds s."
        }

        function Set-SlowExample([int] $DelayMilliseconds) {
            Set-PluginConfiguration -Name example -Enabled -Secret @{ api_key = 'key-value' } `
                -Setting @{ batch_size = 1; delay_ms = $DelayMilliseconds }
        }
    }

    BeforeEach {
        $script:previousHome = $env:PLUGINSYNC_HOME
        $script:work = Join-Path ([IO.Path]::GetTempPath()) ('pluginsync-unattended-' + [Guid]::NewGuid().ToString('N'))
        $env:PLUGINSYNC_HOME = Join-Path $work 'store'
        New-Item -ItemType Directory -Force (Join-Path $work 'source') | Out-Null
        1..5 | ForEach-Object { Set-Content (Join-Path $work 'source' "f$_.txt") "file $_" }
    }

    AfterEach {
        $env:PLUGINSYNC_HOME = $previousHome
        Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    Describe 'A run killed with SIGKILL' {
        It 'is closed as Abandoned by the very next command, and a new run of the plugin succeeds' {
            Set-SlowExample -DelayMilliseconds 500
            Set-PluginConfiguration -Name example -Setting @{ delay_ms = 0 }
            $earlier = Invoke-PluginSync example
            Set-PluginConfiguration -Name example -Setting @{ delay_ms = 500 }
            $configurationBefore = Get-PluginConfiguration example

            $child = Start-ChildPowerShell "Import-Module '$modulePath'; Invoke-PluginSync example"
            try {
                $running = Wait-RunningRecord example
                $running.ProcessId | Should -Be $child.Id
            }
            finally {
                $child.Kill()   # SIGKILL on Unix: the process gets no chance to close its run
                $child.WaitForExit()
            }

            $record = Get-SyncHistory -Id $running.Id -WarningVariable warnings -WarningAction SilentlyContinue
            $record.Status | Should -Be 'Abandoned'
            $record.EndTime | Should -Not -BeNullOrEmpty
            $record.ErrorMessage | Should -Match "process $($child.Id)"
            "$warnings" | Should -Match 'Abandoned'

            Set-PluginConfiguration -Name example -Setting @{ delay_ms = 0 }
            $again = Invoke-PluginSync example
            $again.Success | Should -BeTrue
            $again.Status | Should -Be 'Completed'

            (Get-SyncHistory -Id $earlier.SyncHistoryId).Status | Should -Be 'Completed'
            $after = Get-PluginConfiguration example
            $after.CredentialKeys | Should -Be $configurationBefore.CredentialKeys
            $after.Settings['batch_size'] | Should -Be 1
            @(Get-SyncHistory -Status Running).Count | Should -Be 0
        }
    }

    Describe 'The run lock' {
        It 'skips a second run of a busy plugin as AlreadyRunning, with a warning and no error' {
            Set-SlowExample -DelayMilliseconds 400
            Set-PluginConfiguration -Name folder -Enabled `
                -Setting @{ Source = (Join-Path $work 'source'); Destination = (Join-Path $work 'dest') }
            $child = Start-ChildPowerShell "Import-Module '$modulePath'; Invoke-PluginSync example"
            try {
                $running = Wait-RunningRecord example
                $summary = Invoke-PluginSync -All -Summary -ErrorVariable errors -WarningVariable warnings `
                    -WarningAction SilentlyContinue
                $busy = $summary.Results | Where-Object PluginName -EQ 'example'
                $busy.ErrorType | Should -Be 'AlreadyRunning'
                $busy.SyncHistoryId | Should -BeNullOrEmpty
                "$warnings" | Should -Match "history record $($running.Id)"
                $errors | Should -BeNullOrEmpty
                $summary.Skipped | Should -Be 1

                # A different plugin is not blocked by the busy one.
                ($summary.Results | Where-Object PluginName -EQ 'folder').Status | Should -Be 'Completed'
                $summary.Successful | Should -Be 1
            }
            finally {
                $child.Kill()
                $child.WaitForExit()
            }
        }
    }

    Describe 'Ctrl+C' {
        It 'records the run as Cancelled and frees the lock' {
            Set-SlowExample -DelayMilliseconds 500
            $shell = [PowerShell]::Create()
            try {
                $null = $shell.AddScript("Import-Module '$modulePath'; Invoke-PluginSync example")
                $invocation = $shell.BeginInvoke()
                $running = Wait-RunningRecord example
                $shell.Stop()   # what Ctrl+C does: StopProcessing on the running cmdlet
                $invocation.IsCompleted | Should -BeTrue
            }
            finally {
                $shell.Dispose()
            }

            $record = Get-SyncHistory -Id $running.Id
            $record.Status | Should -Be 'Cancelled'
            $record.Processed | Should -BeLessThan 25

            Set-PluginConfiguration -Name example -Setting @{ delay_ms = 0 }
            (Invoke-PluginSync example).Status | Should -Be 'Completed'
        }
    }

    Describe 'Ctrl+C with a plugin that is slow to stop' {
        It 'still records the run as Cancelled and frees the lock' {
            $plugins = Join-Path $work 'plugins'
            New-Item -ItemType Directory -Force $plugins | Out-Null
            Set-Content (Join-Path $plugins 'endless.plugin.ps1') @'
<#PluginSync
@{ Name = 'endless'; Settings = @(@{ Name = 'Folder'; Type = 'Path'; Required = $true }) }
#>
param($Context, $CancellationToken)
Set-Content (Join-Path $Context.Settings['Folder'] 'started') $Context.HistoryId
while ($true) { Start-Sleep -Milliseconds 50 }
'@
            Register-SyncPlugin -Path $plugins
            Set-PluginConfiguration -Name endless -Setting @{ Folder = $work } -Enabled
            $shell = [PowerShell]::Create()
            try {
                $null = $shell.AddScript("Import-Module '$modulePath'; Invoke-PluginSync -Name endless")
                $null = $shell.BeginInvoke()
                $marker = Join-Path $work 'started'
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (-not (Test-Path $marker) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                Test-Path $marker | Should -BeTrue
                $shell.Stop()
            }
            finally {
                $shell.Dispose()
            }

            $id = [long](Get-Content (Join-Path $work 'started'))
            (Get-SyncHistory -Id $id).Status | Should -Be 'Cancelled'
            @(Get-SyncHistory -Status Running).Count | Should -Be 0
        }
    }

    Describe 'Timeouts' {
        It 'ends a run that passes -TimeoutSeconds as TimedOut, with error id SyncTimedOut' {
            Set-SlowExample -DelayMilliseconds 1000
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $result = Invoke-PluginSync example -TimeoutSeconds 1 -ErrorVariable errors -ErrorAction SilentlyContinue
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
            $result.ErrorType | Should -Be 'TimedOut'
            (Get-SyncHistory -Id $result.SyncHistoryId).Status | Should -Be 'TimedOut'
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'SyncTimedOut*'
        }

        It 'uses the timeout stored in the configuration' {
            Set-SlowExample -DelayMilliseconds 1000
            Set-PluginConfiguration -Name example -TimeoutSeconds 1
            (Get-PluginConfiguration example).Policy.TimeoutSeconds | Should -Be 1
            (Invoke-PluginSync example -ErrorAction SilentlyContinue).ErrorType | Should -Be 'TimedOut'
        }

        It 'leaves the previous state untouched when a run times out' {
            Set-SlowExample -DelayMilliseconds 0
            Set-PluginConfiguration -Name example -Setting @{ batch_size = 100 }
            (Invoke-PluginSync example).Created | Should -Be 25
            Set-PluginConfiguration -Name example -Setting @{ batch_size = 1; delay_ms = 1000 }
            $timedOut = Invoke-PluginSync example -TimeoutSeconds 1 -ErrorAction SilentlyContinue
            $timedOut.ErrorType | Should -Be 'TimedOut'
            Set-PluginConfiguration -Name example -Setting @{ batch_size = 100; delay_ms = 0 }
            $next = Invoke-PluginSync example
            $next.Created | Should -Be 0
            $next.Skipped | Should -Be 25
        }
    }

    Describe 'Retries' {
        It 'retries a failing run up to MaxAttempts and records the attempts' {
            Set-PluginConfiguration -Name folder -Enabled -MaxAttempts 3 -RetryDelaySeconds 0 `
                -Setting @{ Source = (Join-Path $work 'missing'); Destination = (Join-Path $work 'dest') }
            $result = Invoke-PluginSync folder -ErrorAction SilentlyContinue -WarningVariable warnings `
                -WarningAction SilentlyContinue
            $result.ErrorType | Should -Be 'ExecutionError'
            $result.Attempts | Should -Be 3
            (Get-SyncHistory -Id $result.SyncHistoryId).Attempts | Should -Be 3
            @($warnings | Where-Object { "$_" -match 'Attempt \d of 3 failed' }).Count | Should -Be 2
        }

        It 'never retries a configuration error' {
            Set-PluginConfiguration -Name example -Enabled -MaxAttempts 3 -RetryDelaySeconds 0
            $result = Invoke-PluginSync example -ErrorAction SilentlyContinue -WarningVariable warnings
            $result.ErrorType | Should -Be 'NotConfigured'
            $result.Attempts | Should -Be 0
            $warnings | Should -BeNullOrEmpty
            Get-SyncHistory | Should -BeNullOrEmpty
        }

        It 'refuses a MaxAttempts outside 1 to 10 and leaves the configuration as it was' {
            Set-PluginConfiguration -Name example -Enabled -MaxAttempts 2
            { Set-PluginConfiguration -Name example -MaxAttempts 11 -ErrorAction Stop } | Should -Throw '*MaxAttempts*'
            (Get-PluginConfiguration example).Policy.MaxAttempts | Should -Be 2
        }
    }

    Describe 'Parallel -All' {
        It 'runs plugins at the same time up to -ThrottleLimit and reports progress' {
            Set-PluginConfiguration -Name example -Enabled -Secret @{ api_key = 'key-value' } `
                -Setting @{ batch_size = 5; delay_ms = 300 }
            Set-PluginConfiguration -Name folder -Enabled `
                -Setting @{ Source = (Join-Path $work 'source'); Destination = (Join-Path $work 'dest') }

            $shell = [PowerShell]::Create()
            try {
                $null = $shell.AddScript("Import-Module '$modulePath'; Invoke-PluginSync -All -ThrottleLimit 2")
                $results = $shell.Invoke()
                $progress = @($shell.Streams.Progress)
            }
            finally {
                $shell.Dispose()
            }

            $results.Count | Should -Be 2
            $example = Get-SyncHistory -Id ($results | Where-Object PluginName -EQ 'example').SyncHistoryId
            $folder = Get-SyncHistory -Id ($results | Where-Object PluginName -EQ 'folder').SyncHistoryId
            $folder.StartTime | Should -BeLessThan $example.EndTime
            $example.StartTime | Should -BeLessThan $folder.EndTime
            # Results come back as runs finish: the quick folder run before the slow example run.
            $results[0].PluginName | Should -Be 'folder'
            ($progress.StatusDescription -match 'of 2 done; running: ') | Should -Not -BeNullOrEmpty
        }

        It 'runs one at a time with -ThrottleLimit 1' {
            Set-PluginConfiguration -Name example -Enabled -Secret @{ api_key = 'key-value' } `
                -Setting @{ batch_size = 5; delay_ms = 100 }
            Set-PluginConfiguration -Name folder -Enabled `
                -Setting @{ Source = (Join-Path $work 'source'); Destination = (Join-Path $work 'dest') }
            $null = Invoke-PluginSync -All -ThrottleLimit 1
            $records = @(Get-SyncHistory | Sort-Object StartTime)
            $records.Count | Should -Be 2
            $records[1].StartTime | Should -Not -BeLessThan $records[0].EndTime
        }

        It 'keeps running the others when one plugin fails' {
            Set-SlowExample -DelayMilliseconds 0
            Set-PluginConfiguration -Name folder -Enabled `
                -Setting @{ Source = (Join-Path $work 'missing'); Destination = (Join-Path $work 'dest') }
            $summary = Invoke-PluginSync -All -Summary -ErrorAction SilentlyContinue
            $summary.Successful | Should -Be 1
            $summary.Failed | Should -Be 1
            ($summary.Results | Where-Object PluginName -EQ 'example').Status | Should -Be 'Completed'
        }
    }

    Describe 'The scheduled-sync script' {
        BeforeEach {
            function Invoke-Scheduled {
                $child = Start-ChildPowerShell "& '$scheduledScript' -ModulePath '$modulePath'; exit `$LASTEXITCODE"
                $output = $child.StandardOutput.ReadToEnd()
                $child.WaitForExit()
                [pscustomobject]@{ ExitCode = $child.ExitCode; Output = $output }
            }
        }

        It 'exits 0 and writes one line per plugin when every run succeeds' {
            Set-SlowExample -DelayMilliseconds 0
            Set-PluginConfiguration -Name folder -Enabled `
                -Setting @{ Source = (Join-Path $work 'source'); Destination = (Join-Path $work 'dest') }
            $run = Invoke-Scheduled
            $run.ExitCode | Should -Be 0
            $run.Output | Should -Match ' example ok '
            $run.Output | Should -Match ' folder ok '
            $run.Output | Should -Match 'total=2 successful=2 failed=0 skipped=0'
        }

        It 'exits 1 when a run fails' {
            Set-SlowExample -DelayMilliseconds 0
            Set-PluginConfiguration -Name folder -Enabled `
                -Setting @{ Source = (Join-Path $work 'missing'); Destination = (Join-Path $work 'dest') }
            $run = Invoke-Scheduled
            $run.ExitCode | Should -Be 1
            $run.Output | Should -Match ' folder ExecutionError '
        }

        It 'exits 2 for a bad argument or a module path that does not exist, naming it' {
            $child = Start-ChildPowerShell "& '$scheduledScript' -ThrottleLimit 0; exit `$LASTEXITCODE"
            $errorText = $child.StandardError.ReadToEnd()
            $child.WaitForExit()
            $child.ExitCode | Should -Be 2
            $errorText | Should -Match 'ThrottleLimit 0'

            $missing = Join-Path $work 'nowhere.psd1'
            $child = Start-ChildPowerShell "& '$scheduledScript' -ModulePath '$missing'; exit `$LASTEXITCODE"
            $errorText = $child.StandardError.ReadToEnd()
            $child.WaitForExit()
            $child.ExitCode | Should -Be 2
            $errorText | Should -Match ([regex]::Escape($missing))
        }

        It 'exits 2 when the store cannot be read' {
            New-Item -ItemType Directory -Force $env:PLUGINSYNC_HOME | Out-Null
            Set-Content (Join-Path $env:PLUGINSYNC_HOME 'pluginsync.db') 'not a store'
            (Invoke-Scheduled).ExitCode | Should -Be 2
        }
    }
}
