# Script plugins (*.plugin.ps1): the sample, the context a script gets, the guarantees every run has (history,
# run lock, timeouts, retries, state, masking, parallel runs), and how declaration errors are reported.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $SampleDirectory = Join-Path $RepositoryRoot 'samples' 'script'

    function Wait-File {
        param([Parameter(Mandatory = $true)] [string] $Path, [int] $Seconds = 30)

        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (Test-Path -LiteralPath $Path)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "The file '$Path' did not appear within $Seconds s." }
            Start-Sleep -Milliseconds 50
        }
    }

    # Runs a command in a fresh PowerShell of this process, and returns its output and every stream it wrote.
    function Invoke-Captured {
        param([Parameter(Mandatory = $true)] [string] $Command)

        $shell = [PowerShell]::Create()
        try {
            $null = $shell.AddScript("Import-Module '$ModuleManifest'; $Command")
            $output = $shell.Invoke()
            [pscustomobject]@{
                Output   = @($output)
                Error    = @($shell.Streams.Error)
                Warning  = @($shell.Streams.Warning)
                Verbose  = @($shell.Streams.Verbose)
                Progress = @($shell.Streams.Progress)
            }
        }
        finally {
            $shell.Dispose()
        }
    }
}

Describe 'Script plugins' {
    BeforeEach {
        $TestStore = Enter-TestStore
        $Plugins = Join-Path $TestDrive ([Guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $Plugins | Out-Null
        $env:PLUGINSYNC_PLUGIN_PATH = $Plugins
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    Context 'the sample plugin' {
        BeforeEach {
            $env:PLUGINSYNC_PLUGIN_PATH = $SampleDirectory
        }

        It 'loads as a script plugin, greets 25 sample people, and skips them on the next run' {
            $plugin = Get-SyncPlugin -Name hello -WarningVariable warnings

            $warnings | Should -BeNullOrEmpty
            "$($plugin.Kind)" | Should -Be 'Script'
            $plugin.Source | Should -Be (Join-Path $SampleDirectory 'hello.plugin.ps1')
            @($plugin.Credentials.Name) | Should -Be @('signing_key')
            @($plugin.Settings.Name) | Should -Be @('BatchSize', 'Style', 'Source')

            Set-PluginConfiguration -Name hello -Secret @{ signing_key = 'sample-key' } -Enabled
            $first = Invoke-PluginSync -Name hello
            $second = Invoke-PluginSync -Name hello

            $first.Success | Should -BeTrue
            $first.Processed | Should -Be 25
            $first.Created | Should -Be 25
            $first.Data['People'] | Should -Be 25
            $first.Data['Style'] | Should -Be 'Friendly'
            $second.Created | Should -Be 0
            $second.Skipped | Should -Be 25
        }

        It 'follows the CSV named by Source: new rows are created, changed ones updated and missing ones deleted' {
            $csv = Join-Path $TestStore.Work 'people.csv'
            Set-Content -LiteralPath $csv -Value 'Name,Email', 'Ada,ada@example.com', 'Bob,bob@example.com',
                'Cy,cy@example.com'
            Set-PluginConfiguration -Name hello -Secret @{ signing_key = 'sample-key' } -Setting @{ Source = $csv } `
                -Enabled
            (Invoke-PluginSync -Name hello).Created | Should -Be 3

            Set-Content -LiteralPath $csv -Value 'Name,Email', 'Ada,ada@example.com', 'Robert,bob@example.com',
                'Dee,dee@example.com'
            $result = Invoke-PluginSync -Name hello

            $result.Success | Should -BeTrue
            $result.Processed | Should -Be 3
            $result.Created | Should -Be 1
            $result.Updated | Should -Be 1
            $result.Deleted | Should -Be 1
            $result.Skipped | Should -Be 1
            $result.Data['Source'] | Should -Be $csv
        }

        It 'refuses a BatchSize below its Minimum and a Style outside its AllowedValues' {
            Set-PluginConfiguration -Name hello -Secret @{ signing_key = 'sample-key' }
            $before = Get-ConfigurationSnapshot

            { Set-PluginConfiguration -Name hello -Setting @{ BatchSize = 0 } -ErrorAction Stop } |
                Should -Throw "*'BatchSize'*from 1 to 1000*"
            { Set-PluginConfiguration -Name hello -Setting @{ Style = 'Shouty' } -ErrorAction Stop } |
                Should -Throw "*'Style'*'Friendly', 'Formal'*'Shouty'*"

            Get-ConfigurationSnapshot | Should -Be $before
        }

        It 'fails when its Source file is missing, and the next good run starts from the last good state' {
            Set-PluginConfiguration -Name hello -Secret @{ signing_key = 'sample-key' } -Enabled
            (Invoke-PluginSync -Name hello).Created | Should -Be 25

            $missing = Join-Path $TestStore.Work 'missing.csv'
            Set-PluginConfiguration -Name hello -Setting @{ Source = $missing }
            $failed = Invoke-PluginSync -Name hello -ErrorAction SilentlyContinue
            Set-PluginConfiguration -Name hello -Setting @{ Source = $null }
            $again = Invoke-PluginSync -Name hello

            "$($failed.ErrorType)" | Should -Be 'ExecutionError'
            $failed.Error | Should -BeLike "*'$missing' does not exist*"
            $again.Created | Should -Be 0
            $again.Skipped | Should -Be 25
        }
    }

    Context 'the context a script gets' {
        It 'gets its credentials, its settings typed and with their defaults, its name and its history record id' {
            $declaration = "Credentials = @(@{ Name = 'token' }, @{ Name = 'spare'; Required = `$false }); " +
                "Settings = @(@{ Name = 'Count'; Type = 'Integer'; Default = 3 }, " +
                "@{ Name = 'Verify'; Type = 'Boolean'; Default = `$false }, " +
                "@{ Name = 'Label'; Type = 'String'; Default = 'none' }, @{ Name = 'Folder'; Type = 'Path' })"
            $body = @'
@{
    TokenIsRight = $Context.Credentials['token'] -ceq 'tok-123'
    HasSpare     = $Context.Credentials.ContainsKey('spare')
    Count        = $Context.Settings['Count']
    CountType    = $Context.Settings['Count'].GetType().FullName
    Verify       = $Context.Settings['Verify']
    VerifyType   = $Context.Settings['Verify'].GetType().FullName
    Label        = $Context.Settings['Label']
    HasFolder    = $null -ne $Context.Settings['Folder']
    PluginName   = $Context.PluginName
    HistoryId    = $Context.HistoryId
    TokenType    = $CancellationToken.GetType().FullName
}
'@
            New-ScriptPlugin -Directory $Plugins -Name probe -Declaration $declaration -Body $body | Out-Null
            Set-PluginConfiguration -Name probe -Secret @{ token = 'tok-123' } -Setting @{ Verify = 'true' } -Enabled

            $result = Invoke-PluginSync -Name probe

            $result.Success | Should -BeTrue
            $result.Data['TokenIsRight'] | Should -BeTrue
            $result.Data['HasSpare'] | Should -BeFalse
            $result.Data['Count'] | Should -Be 3
            $result.Data['CountType'] | Should -Be 'System.Int64'
            $result.Data['Verify'] | Should -BeTrue
            $result.Data['VerifyType'] | Should -Be 'System.Boolean'
            $result.Data['Label'] | Should -Be 'none'
            $result.Data['HasFolder'] | Should -BeFalse
            $result.Data['PluginName'] | Should -Be 'probe'
            $result.Data['HistoryId'] | Should -Be $result.SyncHistoryId
            $result.Data['TokenType'] | Should -Be 'System.Threading.CancellationToken'
        }

        It 'reports its counters in the result and in the history record' {
            $body = '$Context.Counters.AddProcessed(7); $Context.Counters.AddCreated(2); ' +
                '$Context.Counters.AddUpdated(1); $Context.Counters.AddDeleted(1); ' +
                '$Context.Counters.AddSkipped(2); $Context.Counters.AddFailed(1)'
            New-ScriptPlugin -Directory $Plugins -Name counting -Body $body | Out-Null
            Set-PluginConfiguration -Name counting -Enabled

            $result = Invoke-PluginSync -Name counting
            $record = Get-SyncHistory -Id $result.SyncHistoryId

            foreach ($item in $result, $record) {
                $item.Processed | Should -Be 7
                $item.Created | Should -Be 2
                $item.Updated | Should -Be 1
                $item.Deleted | Should -Be 1
                $item.Skipped | Should -Be 2
                $item.Failed | Should -Be 1
            }
        }

        It 'sends its verbose lines to -Verbose and its warnings to -WarningVariable, named after the plugin' {
            $body = "Write-Verbose 'reading the source'; Write-Warning 'two rows had no email'"
            New-ScriptPlugin -Directory $Plugins -Name chatty -Body $body | Out-Null
            Set-PluginConfiguration -Name chatty -Enabled

            $output = Invoke-PluginSync -Name chatty -Verbose -WarningVariable warnings `
                -WarningAction SilentlyContinue 4>&1
            $verbose = @($output | Where-Object { $_ -is [Management.Automation.VerboseRecord] } |
                    ForEach-Object Message)

            $verbose | Should -Contain '[chatty] reading the source'
            @($warnings | ForEach-Object Message) | Should -Be @('[chatty] two rows had no email')
        }

        It 'sends its progress to the caller as a progress bar of its own' {
            $body = "Write-Progress -Activity 'Copying' -Status 'half way' -PercentComplete 50"
            New-ScriptPlugin -Directory $Plugins -Name progressing -Body $body | Out-Null
            Set-PluginConfiguration -Name progressing -Enabled

            $run = Invoke-Captured 'Invoke-PluginSync -Name progressing'

            $records = @($run.Progress | Where-Object { $_.Activity -eq "Sync 'progressing'" -and
                    $_.StatusDescription -eq 'half way' })
            $records.Count | Should -Be 1
            $records[0].PercentComplete | Should -Be 50
            $records[0].ParentActivityId | Should -Be 0
        }

        It 'reads the state of the last successful run, and a failed run does not save its own' {
            $body = @'
$Context.SetState("saved by run $($Context.HistoryId)")
if ($Context.Settings['Fail']) { throw 'failing on purpose' }
@{ Previous = $Context.PreviousState }
'@
            $declaration = "Settings = @(@{ Name = 'Fail'; Type = 'Boolean'; Default = `$false })"
            New-ScriptPlugin -Directory $Plugins -Name bookmark -Declaration $declaration -Body $body | Out-Null
            Set-PluginConfiguration -Name bookmark -Enabled

            $first = Invoke-PluginSync -Name bookmark
            $second = Invoke-PluginSync -Name bookmark
            Set-PluginConfiguration -Name bookmark -Setting @{ Fail = $true }
            $failed = Invoke-PluginSync -Name bookmark -ErrorAction SilentlyContinue
            Set-PluginConfiguration -Name bookmark -Setting @{ Fail = $false }
            $fourth = Invoke-PluginSync -Name bookmark

            $first.Data['Previous'] | Should -BeNullOrEmpty
            $second.Data['Previous'] | Should -Be "saved by run $($first.SyncHistoryId)"
            "$($failed.ErrorType)" | Should -Be 'ExecutionError'
            $fourth.Data['Previous'] | Should -Be "saved by run $($second.SyncHistoryId)"
        }

        It 'gets a cancellation token that fires when the run times out' {
            # WaitOne blocks in .NET, where stopping the pipeline cannot reach: only the token can end it in time.
            $body = '$null = $CancellationToken.WaitHandle.WaitOne(20000); @{}'
            New-ScriptPlugin -Directory $Plugins -Name waiting -Body $body | Out-Null
            Set-PluginConfiguration -Name waiting -Enabled

            $clock = [Diagnostics.Stopwatch]::StartNew()
            $result = Invoke-PluginSync -Name waiting -TimeoutSeconds 1 -ErrorAction SilentlyContinue
            $clock.Stop()

            "$($result.ErrorType)" | Should -Be 'TimedOut'
            $result.Error | Should -Not -BeLike '*left running*'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 2.5
        }
    }

    Context 'the guarantees every run has' {
        It 'opens its history record before the script runs, locks out another process, and closes the record' {
            $declaration = "Settings = @(@{ Name = 'Folder'; Type = 'Path'; Required = `$true })"
            $body = @'
$folder = $Context.Settings['Folder']
Set-Content -LiteralPath (Join-Path $folder 'started') -Value $Context.HistoryId
while (-not (Test-Path -LiteralPath (Join-Path $folder 'release'))) {
    $CancellationToken.ThrowIfCancellationRequested()
    Start-Sleep -Milliseconds 50
}
@{}
'@
            New-ScriptPlugin -Directory $Plugins -Name held -Declaration $declaration -Body $body | Out-Null
            Set-PluginConfiguration -Name held -Setting @{ Folder = $TestStore.Work } -Enabled

            $child = Start-ChildPowerShell "Import-Module '$ModuleManifest'; `$null = Invoke-PluginSync -Name held"
            try {
                Wait-File (Join-Path $TestStore.Work 'started')
                $id = [long](Get-Content -LiteralPath (Join-Path $TestStore.Work 'started'))
                $running = Get-SyncHistory -Id $id

                $second = Invoke-PluginSync -Name held -ErrorVariable failures -WarningVariable warnings `
                    -WarningAction SilentlyContinue

                Set-Content -LiteralPath (Join-Path $TestStore.Work 'release') -Value 'go'
                $child.WaitForExit(30000) | Should -BeTrue
            }
            finally {
                if (-not $child.HasExited) { $child.Kill() }
            }

            "$($running.Status)" | Should -Be 'Running'
            $running.PluginName | Should -Be 'held'
            $running.ProcessId | Should -Be $child.Id
            "$($second.ErrorType)" | Should -Be 'AlreadyRunning'
            $failures | Should -BeNullOrEmpty
            "$warnings" | Should -BeLike "*history record $id*"
            $child.ExitCode | Should -Be 0
            $closed = Get-SyncHistory -Id $id
            "$($closed.Status)" | Should -Be 'Completed'
            $closed.EndTime | Should -Not -BeNullOrEmpty
            @(Get-SyncHistory -Name held).Count | Should -Be 1
        }

        It 'ends a script that loops with Start-Sleep as TimedOut when -TimeoutSeconds passes' {
            New-ScriptPlugin -Directory $Plugins -Name looping -Body 'while ($true) { Start-Sleep -Milliseconds 100 }' |
                Out-Null
            Set-PluginConfiguration -Name looping -Enabled

            $clock = [Diagnostics.Stopwatch]::StartNew()
            $result = Invoke-PluginSync -Name looping -TimeoutSeconds 1 -ErrorVariable failures `
                -ErrorAction SilentlyContinue
            $clock.Stop()

            "$($result.ErrorType)" | Should -Be 'TimedOut'
            "$((Get-SyncHistory -Id $result.SyncHistoryId).Status)" | Should -Be 'TimedOut'
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SyncTimedOut,*'
            $result.Error | Should -Not -BeLike '*left running*'
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 2.5
        }

        It 'does not hang on a script that ignores its token and never returns: the command ends in a few seconds' {
            New-ScriptPlugin -Directory $Plugins -Name stuck -Body '[Threading.Thread]::Sleep(30000)' | Out-Null
            Set-PluginConfiguration -Name stuck -Enabled

            $clock = [Diagnostics.Stopwatch]::StartNew()
            $result = Invoke-PluginSync -Name stuck -TimeoutSeconds 1 -ErrorAction SilentlyContinue
            $clock.Stop()

            $clock.Elapsed.TotalSeconds | Should -BeLessThan 6
            "$($result.ErrorType)" | Should -Be 'TimedOut'
            $result.Error | Should -BeLike '*left running*'
            "$((Get-SyncHistory -Id $result.SyncHistoryId).Status)" | Should -Be 'TimedOut'
            @(Get-SyncHistory -Status Running).Count | Should -Be 0
        }

        It 'retries a script that fails on its first attempt, and records that it took two' {
            $declaration = "Settings = @(@{ Name = 'Folder'; Type = 'Path'; Required = `$true })"
            $body = @'
$file = Join-Path $Context.Settings['Folder'] 'attempts.txt'
$attempt = 1 + $(if (Test-Path -LiteralPath $file) { [int](Get-Content -LiteralPath $file) } else { 0 })
Set-Content -LiteralPath $file -Value $attempt
if ($attempt -eq 1) { throw "attempt $attempt could not reach the source" }
@{ Attempt = $attempt }
'@
            New-ScriptPlugin -Directory $Plugins -Name flaky -Declaration $declaration -Body $body | Out-Null
            Set-PluginConfiguration -Name flaky -Setting @{ Folder = $TestStore.Work } -MaxAttempts 2 `
                -RetryDelaySeconds 0 -Enabled

            $result = Invoke-PluginSync -Name flaky -WarningVariable warnings -WarningAction SilentlyContinue

            $result.Success | Should -BeTrue
            $result.Attempts | Should -Be 2
            $result.Data['Attempt'] | Should -Be 2
            (Get-SyncHistory -Id $result.SyncHistoryId).Attempts | Should -Be 2
            "$warnings" | Should -BeLike '*Attempt 1 of 2 failed: attempt 1 could not reach the source*'
        }

        It 'runs several script plugins at the same time under -All -ThrottleLimit 3' {
            foreach ($name in 'one', 'two', 'three') {
                New-ScriptPlugin -Directory $Plugins -Name $name -Body 'Start-Sleep -Milliseconds 1500; @{}' | Out-Null
                Set-PluginConfiguration -Name $name -Enabled
            }

            $results = @(Invoke-PluginSync -All -ThrottleLimit 3)

            $results.Count | Should -Be 3
            @($results | Where-Object Success).Count | Should -Be 3
            $records = @($results | ForEach-Object { Get-SyncHistory -Id $_.SyncHistoryId })
            foreach ($a in $records) {
                foreach ($b in $records) {
                    $a.StartTime | Should -BeLessThan $b.EndTime
                }
            }
        }
    }

    Context 'a failing script' {
        It 'gives ExecutionError with its message when it <Case>' -TestCases @(
            @{ Case = 'throws'; Body = 'throw "the source is unreachable"' }
            @{ Case = 'writes an error'; Body = 'Write-Error "the source is unreachable"; @{ Reached = $true }' }
            @{
                Case = 'returns a failed SyncOutcome'
                Body = '[PluginSync.SyncOutcome]::Failed("the source is unreachable")'
            }
            @{
                Case = 'writes an error with -ErrorAction Continue'
                Body = 'Write-Error "the source is unreachable" -ErrorAction Continue; @{ Reached = $true }'
            }
            @{
                Case = 'sets $ErrorActionPreference to Continue and then writes an error'
                Body = '$ErrorActionPreference = "Continue"; Write-Error "the source is unreachable"; @{ R = 1 }'
            }
        ) {
            New-ScriptPlugin -Directory $Plugins -Name failing -Body $Body | Out-Null
            Set-PluginConfiguration -Name failing -Enabled

            $result = Invoke-PluginSync -Name failing -ErrorVariable failures -ErrorAction SilentlyContinue

            $result.Success | Should -BeFalse
            "$($result.ErrorType)" | Should -Be 'ExecutionError'
            $result.Error | Should -Be 'the source is unreachable'
            $result.Data.Count | Should -Be 0
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SyncExecutionFailed,*'
            $failures[0].Exception.Message | Should -BeLike '*the source is unreachable*'
            $record = Get-SyncHistory -Id $result.SyncHistoryId
            "$($record.Status)" | Should -Be 'Failed'
            $record.ErrorMessage | Should -Be 'the source is unreachable'
        }

        It 'still succeeds when it writes an error with -ErrorAction SilentlyContinue' {
            $body = 'Write-Error "nobody needs to know" -ErrorAction SilentlyContinue; @{ Reached = $true }'
            New-ScriptPlugin -Directory $Plugins -Name quiet -Body $body | Out-Null
            Set-PluginConfiguration -Name quiet -Enabled

            $result = Invoke-PluginSync -Name quiet -ErrorVariable failures

            $result.Success | Should -BeTrue
            $result.Data['Reached'] | Should -BeTrue
            $failures | Should -BeNullOrEmpty
        }

        It 'has a credential value masked in the result, the history and every stream' {
            $secret = 'pa55-' + [Guid]::NewGuid().ToString('N')
            $body = @'
$token = $Context.Credentials['token']
Write-Verbose "verbose: logging in with $token"
Write-Warning "warning: logging in with $token"
Write-Progress -Activity 'Logging in' -Status "progress: logging in with $token" -PercentComplete 10
throw "error: cannot log in with $token"
'@
            $declaration = "Credentials = @(@{ Name = 'token' })"
            New-ScriptPlugin -Directory $Plugins -Name leaky -Declaration $declaration -Body $body | Out-Null
            Set-PluginConfiguration -Name leaky -Secret @{ token = $secret } -Enabled

            $run = Invoke-Captured 'Invoke-PluginSync -Name leaky -Verbose'

            $result = $run.Output[0]
            $result.Error | Should -Be 'error: cannot log in with ********'
            (Get-SyncHistory -Id $result.SyncHistoryId).ErrorMessage | Should -Be 'error: cannot log in with ********'
            @($run.Verbose.Message) | Should -Contain '[leaky] verbose: logging in with ********'
            @($run.Warning.Message) | Should -Contain '[leaky] warning: logging in with ********'
            @($run.Progress.StatusDescription) | Should -Contain 'progress: logging in with ********'
            $run.Error.Count | Should -Be 1
            $run.Error[0].Exception.Message | Should -Match 'error: cannot log in with \*{8}'

            $everything = @($result.Error, $run.Error[0].Exception.Message, $run.Error[0].ToString()) +
                @($run.Verbose.Message) + @($run.Warning.Message) +
                @($run.Progress.StatusDescription) + @((Get-SyncHistory | Format-List * | Out-String))
            ($everything -join "`n") | Should -Not -BeLike "*$secret*"
        }
    }

    Context 'exit codes and the information stream' {
        It 'fails the run when the script ends with a non-zero exit code' {
            New-ScriptPlugin -Directory $Plugins -Name exiting -Body 'exit 3' | Out-Null
            Set-PluginConfiguration -Name exiting -Enabled

            $result = Invoke-PluginSync -Name exiting -ErrorVariable failures -ErrorAction SilentlyContinue

            "$($result.ErrorType)" | Should -Be 'ExecutionError'
            $result.Error | Should -BeLike '*exit code was 3*'
            $failures[0].Exception.Message | Should -BeLike '`[exiting`]*exit code was 3*'
        }

        It 'lets a script that returns something decide its outcome, whatever a native command exited with' {
            $body = '& ([Environment]::ProcessPath) --version | Out-Null; $global:LASTEXITCODE = 1; @{ Copied = $true }'
            New-ScriptPlugin -Directory $Plugins -Name handled -Body $body | Out-Null
            Set-PluginConfiguration -Name handled -Enabled

            (Invoke-PluginSync -Name handled).Success | Should -BeTrue
        }

        It 'names the line a failing script stopped at in the verbose stream' {
            New-ScriptPlugin -Directory $Plugins -Name broken -Body "`$x = 1`n`$null.Call()`n@{}" | Out-Null
            Set-PluginConfiguration -Name broken -Enabled

            $verbose = @(Invoke-PluginSync -Name broken -Verbose -ErrorAction SilentlyContinue 4>&1 |
                    Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

            ($verbose -match 'failed at line 4') | Should -Not -BeNullOrEmpty
        }

        It 'passes Write-Host and Write-Information lines to the verbose stream' {
            New-ScriptPlugin -Directory $Plugins -Name talking `
                -Body 'Write-Host "host line"; Write-Information "information line"; @{}' | Out-Null
            Set-PluginConfiguration -Name talking -Enabled

            $verbose = @(Invoke-PluginSync -Name talking -Verbose 4>&1 |
                    Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

            $verbose | Should -Contain '[talking] host line'
            $verbose | Should -Contain '[talking] information line'
        }
    }

    Context 'declarations' {
        It 'reports <Case> as a warning naming the file, and still loads the other plugins' -TestCases @(
            @{
                Case     = 'a script without a declaration block'
                Text     = "param(`$Context, `$CancellationToken)`n@{}"
                Expected = '*has no declaration block*'
            }
            @{
                Case     = 'an unknown key in the declaration'
                Text     = "<#PluginSync @{ Name = 'broken'; Colour = 'red' } #>`nparam(`$Context, `$CancellationToken)"
                Expected = '*unknown keys Colour*'
            }
            @{
                Case     = 'an unknown setting Type'
                Text     = "<#PluginSync @{ Name = 'broken'; Settings = @(@{ Name = 'n'; Type = 'Number' }) } #>`n" +
                    "param(`$Context, `$CancellationToken)"
                Expected = "*setting 'n' has the Type 'Number'; accepted: String, Integer, Boolean, Path*"
            }
            @{
                Case     = 'a setting Type given as a number'
                Text     = "<#PluginSync @{ Name = 'broken'; Settings = @(@{ Name = 'n'; Type = 9 }) } #>`n" +
                    "param(`$Context, `$CancellationToken)"
                Expected = "*setting 'n' has the Type '9'; accepted: String, Integer, Boolean, Path*"
            }
            @{
                Case     = 'two setting Types in one'
                Text     = "<#PluginSync @{ Name = 'broken'; Settings = @(@{ Name = 'n'; " +
                    "Type = 'String, Integer' }) } #>`nparam(`$Context, `$CancellationToken)"
                Expected = "*setting 'n' has the Type 'String, Integer'; accepted: String, Integer, Boolean, Path*"
            }
            @{
                Case     = 'a setting Default that the setting refuses'
                Text     = "<#PluginSync @{ Name = 'broken'; Settings = @(@{ Name = 'n'; Type = 'Integer'; " +
                    "Default = 0; Minimum = 1 }) } #>`nparam(`$Context, `$CancellationToken)"
                Expected = "*setting 'n' has a Default it does not accept*at least 1*"
            }
            @{
                Case     = 'a setting Minimum that is not a whole number'
                Text     = "<#PluginSync @{ Name = 'broken'; Settings = @(@{ Name = 'n'; Type = 'Integer'; " +
                    "Minimum = 'one' }) } #>`nparam(`$Context, `$CancellationToken)"
                Expected = "*setting 'n' has the Minimum 'one'; it must be a whole number*"
            }
            @{
                Case     = 'an unknown key in a credential'
                Text     = "<#PluginSync @{ Name = 'broken'; Credentials = @(@{ Name = 'token'; " +
                    "Requried = `$false }) } #>`nparam(`$Context, `$CancellationToken)"
                Expected = "*credential 'token' has unknown keys Requried; accepted: Name, Required, Description*"
            }
            @{
                Case     = 'a Required that is not $true or $false'
                Text     = "<#PluginSync @{ Name = 'broken'; Credentials = @(@{ Name = 'token'; Required = 'no' }) " +
                    "} #>`nparam(`$Context, `$CancellationToken)"
                Expected = "*credential 'token' has Required = 'no'; it must be `$true or `$false*"
            }
            @{
                Case     = 'a script without param($Context, $CancellationToken)'
                Text     = "<#PluginSync @{ Name = 'broken' } #>`nparam(`$Context)`n@{}"
                Expected = '*must declare param($Context, $CancellationToken); it lacks $CancellationToken*'
            }
            @{
                Case     = 'code in the declaration'
                Text     = "<#PluginSync @{ Name = (Get-Date) } #>`nparam(`$Context, `$CancellationToken)"
                Expected = '*may hold only constants*'
            }
            @{
                Case     = 'a script that does not parse'
                Text     = "<#PluginSync @{ Name = 'broken' } #>`nparam(`$Context, `$CancellationToken)`nif ("
                Expected = '*does not parse*line 3*'
            }
            @{
                Case     = 'a name that is not a plugin name'
                Text     = "<#PluginSync @{ Name = 'not a name!' } #>`nparam(`$Context, `$CancellationToken)"
                Expected = "*'not a name!' is not valid*"
            }
        ) {
            Set-Content -LiteralPath (Join-Path $Plugins 'broken.plugin.ps1') -Value $Text
            New-ScriptPlugin -Directory $Plugins -Name good | Out-Null

            $listed = @(Get-SyncPlugin -WarningVariable warnings -WarningAction SilentlyContinue)

            @($listed.Name) | Should -Be @('example', 'folder', 'good', 'rest')
            @($warnings).Count | Should -Be 1
            $warnings[0].Message | Should -BeLike "*'$(Join-Path $Plugins 'broken.plugin.ps1')'*"
            $warnings[0].Message | Should -BeLike $Expected
        }

        It 'runs none of a script''s code when it is registered, listed, configured or checked' {
            $env:PLUGINSYNC_PLUGIN_PATH = $null
            $marker = Join-Path $TestStore.Work 'marker.txt'
            $directory = Join-Path $TestStore.Work 'plugins'
            New-ScriptPlugin -Directory $directory -Name marking -Body "Set-Content -LiteralPath '$marker' -Value ran" |
                Out-Null

            Register-SyncPlugin -Path $directory -PassThru | Out-Null
            Get-SyncPlugin | Out-Null
            Set-PluginConfiguration -Name marking -Enabled
            Test-PluginConfiguration -Name marking | Out-Null
            $markedBeforeRun = Test-Path -LiteralPath $marker
            Invoke-PluginSync -Name marking | Out-Null

            $markedBeforeRun | Should -BeFalse
            Test-Path -LiteralPath $marker | Should -BeTrue
        }
    }
}
