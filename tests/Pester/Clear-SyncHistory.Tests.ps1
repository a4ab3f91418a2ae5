BeforeDiscovery {
    # Each value is refused with the error id given, and the message quotes the text given.
    $BadRules = @(
        @{ Case = 'neither rule'; Arguments = @{}; ErrorId = 'HistoryRetentionRuleMissing'; Quoted = '-OlderThan' }
        @{ Case = 'both rules'; Arguments = @{ OlderThan = '1.00:00:00'; KeepLast = 3 }
            ErrorId = 'HistoryRetentionRuleConflict'; Quoted = "'1.00:00:00' and -KeepLast 3" }
        @{ Case = '$null'; Arguments = @{ OlderThan = $null }; ErrorId = 'HistoryCutoffInvalid'; Quoted = '$null' }
        @{ Case = 'an empty string'; Arguments = @{ OlderThan = '' }; ErrorId = 'HistoryCutoffInvalid'; Quoted = "''" }
        @{ Case = 'a zero age'; Arguments = @{ OlderThan = [TimeSpan]::Zero }; ErrorId = 'HistoryCutoffInvalid'
            Quoted = "'00:00:00'" }
        @{ Case = 'a negative age'; Arguments = @{ OlderThan = (New-TimeSpan -Days -2) }
            ErrorId = 'HistoryCutoffInvalid'; Quoted = "'-2.00:00:00'" }
        @{ Case = 'a bare number'; Arguments = @{ OlderThan = '30' }; ErrorId = 'HistoryCutoffInvalid'
            Quoted = "'30' (String) given to -OlderThan is a bare number" }
        @{ Case = 'a number'; Arguments = @{ OlderThan = 30 }; ErrorId = 'HistoryCutoffInvalid'
            Quoted = "'30' (Int32) given to -OlderThan is a bare number" }
        @{ Case = 'text that is no time'; Arguments = @{ OlderThan = 'last week' }; ErrorId = 'HistoryCutoffInvalid'
            Quoted = "'last week'" }
        @{ Case = 'a negative count'; Arguments = @{ KeepLast = -1 }; ErrorId = 'HistoryKeepLastInvalid'
            Quoted = '-1' }
        @{ Case = 'a $null count'; Arguments = @{ KeepLast = $null }; ErrorId = 'HistoryKeepLastInvalid'
            Quoted = '$null' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Add-HistoryRecord {
        <#
        Writes history records straight into the store, the way a store written before rollups existed holds
        them: the next command that opens the store builds the rollups. Returns nothing.
        #>
        param(
            [Parameter(Mandatory = $true)] [string] $Name,
            [Parameter(Mandatory = $true)] [DateTime[]] $StartTime,
            [string] $Status = 'Completed',
            [int] $MessageLength = 0
        )

        # The store must exist and be initialised first; reading commands do not create one.
        Set-PluginConfiguration -Name folder -ErrorAction Stop
        Remove-PluginConfiguration -Name folder -Confirm:$false -ErrorAction Stop

        $database = [LiteDB.LiteDatabase]::new("Filename=$(Get-StoreFilePath);Connection=Shared")
        try {
            $history = $database.GetCollection('history', [LiteDB.BsonAutoId]::Int64)
            $rollups = $database.GetCollection('history_rollups')
            $null = $database.BeginTrans()
            foreach ($start in $StartTime) {
                $document = [LiteDB.BsonDocument]::new()
                $document['PluginName'] = [LiteDB.BsonValue]::new($Name)
                $document['PluginKey'] = [LiteDB.BsonValue]::new($Name.ToLowerInvariant())
                $document['Status'] = [LiteDB.BsonValue]::new($Status)
                $document['StartTime'] = [LiteDB.BsonValue]::new($start.ToUniversalTime())
                $end = if ($Status -eq 'Running') { [LiteDB.BsonValue]::Null } else {
                    [LiteDB.BsonValue]::new($start.ToUniversalTime().AddSeconds(2)) }
                $document['EndTime'] = $end
                # A heartbeat from now, on another host: a Running record stays Running.
                $document['Heartbeat'] = [LiteDB.BsonValue]::new([DateTime]::UtcNow)
                $document['Host'] = [LiteDB.BsonValue]::new('elsewhere')
                $document['User'] = [LiteDB.BsonValue]::new('tester')
                $document['ProcessId'] = [LiteDB.BsonValue]::new(1)
                $document['ProcessStart'] = [LiteDB.BsonValue]::Null
                $document['Attempts'] = [LiteDB.BsonValue]::new(1)
                $document['Processed'] = [LiteDB.BsonValue]::new([long]1)
                $document['ErrorMessage'] = [LiteDB.BsonValue]::new(('x' * $MessageLength))
                $null = $history.Insert($document)
            }
            # Rollups are built from all of history when the store next opens.
            $null = $rollups.DeleteAll()
            $null = $database.Commit()
        }
        finally {
            $database.Dispose()
        }
    }

    function Get-HistoryIds {
        @(Get-SyncHistory | ForEach-Object { $_.Id })
    }

    function Invoke-ChildPowerShell {
        <# Runs a script in a fresh PowerShell process with the test store, and returns its output lines. #>
        param([Parameter(Mandatory = $true)] [string] $Script)

        $process = (Get-Process -Id $PID).Path
        $arguments = @()
        if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
            $arguments += Join-Path $PSHOME 'pwsh.dll'
        }

        $escaped = $ModuleManifest -replace "'", "''"
        $full = "`$ErrorActionPreference = 'Stop'; Import-Module '$escaped'; $Script"
        & $process @arguments -NoProfile -NonInteractive -Command $full 2>&1
    }

    $Days = 24 * 60 * 60
}

Describe 'Clear-SyncHistory' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'asks for confirmation by default (ConfirmImpact High)' {
        $metadata = New-Object System.Management.Automation.CommandMetadata (Get-Command Clear-SyncHistory)

        "$($metadata.ConfirmImpact)" | Should -Be 'High'
        $metadata.SupportsShouldProcess | Should -BeTrue
    }

    It 'returns nothing and creates no store when there is none' {
        $result = @(Clear-SyncHistory -KeepLast 1 -Confirm:$false)

        $result.Count | Should -Be 0
        Test-Path -LiteralPath (Get-StoreFilePath) | Should -BeFalse
    }

    Context 'with the history of two plugins' {
        BeforeEach {
            $now = [DateTime]::UtcNow
            $old = 1..40 | ForEach-Object { $now.AddDays(-100).AddMinutes($_) }
            $recent = 1..5 | ForEach-Object { $now.AddDays(-1).AddMinutes($_) }
            Add-HistoryRecord -Name example -StartTime ($old + $recent) -MessageLength 2000
            Add-HistoryRecord -Name folder -StartTime ($old[0..9] + $recent[0..1]) -MessageLength 2000
            Add-HistoryRecord -Name example -StartTime $now.AddDays(-200) -Status Running
            $before = Get-HistoryIds
        }

        It 'with -WhatIf says how many records each plugin would lose and removes nothing' {
            $output = Invoke-ChildPowerShell 'Clear-SyncHistory -OlderThan (New-TimeSpan -Days 30) -WhatIf'

            $lines = @($output | ForEach-Object { "$_" } | Where-Object { $_ -like 'What if:*' })
            $lines.Count | Should -Be 2 -Because ($output | Out-String)
            $lines[0] | Should -BeLike '*Remove 40 of 45 history records older than 30.00:00:00*"example"*'
            $lines[1] | Should -BeLike '*Remove 10 of 12 history records older than 30.00:00:00*"folder"*'
            Get-HistoryIds | Should -Be $before
            @(Get-SyncAuditLog -Action HistoryCleared).Count | Should -Be 0
        }

        It 'returns nothing with -WhatIf' {
            @(Clear-SyncHistory -KeepLast 1 -WhatIf).Count | Should -Be 0
            Get-HistoryIds | Should -Be $before
        }

        It 'removes the records that started before -OlderThan and reports the counts and the file sizes' {
            $result = Clear-SyncHistory -OlderThan (New-TimeSpan -Days 30) -Confirm:$false

            $result | Should -BeOfType 'PluginSync.Engine.History.HistoryClearResult'
            $result.Removed | Should -Be 50
            @($result.PluginName) | Should -Be @('example', 'folder')
            @($result.Plugins | ForEach-Object { '{0}={1}/{2}' -f $_.PluginName, $_.Removed, $_.Remaining }) |
                Should -Be @('example=40/5', 'folder=10/2')
            $result.SizeAfter | Should -BeGreaterThan 0
            # At least the 50 messages of 2000 characters went.
            ($result.SizeBefore - $result.SizeAfter) | Should -BeGreaterThan (50 * 2000)
            (Get-Item -LiteralPath (Get-StoreFilePath)).Length | Should -BeLessOrEqual $result.SizeAfter
            @(Get-SyncHistory -Status Completed).Count | Should -Be 7
        }

        It 'leaves no copy of the old store file behind' {
            Clear-SyncHistory -KeepLast 1 -Confirm:$false | Out-Null

            @(Get-ChildItem -LiteralPath $TestStore.Home -Filter '*backup*').Count | Should -Be 0
        }

        It 'shows the removal and the sizes in its table view' {
            $table = Clear-SyncHistory -KeepLast 2 -Confirm:$false | Format-Table | Out-String -Width 200

            $table | Should -Match 'Removed\s+SizeBefore\s+SizeAfter\s+Plugins\s+Rule'
            $table | Should -Match '53\s+[\d.,]+ KiB\s+[\d.,]+ KiB\s+example: 43, folder: 10\s+beyond the newest 2'
        }

        It 'takes -OlderThan as a DateTime or as a string' {
            $cutoff = (Get-Date).AddDays(-50)

            (Clear-SyncHistory -Name folder -OlderThan $cutoff -Confirm:$false).Removed | Should -Be 10
            $text = $cutoff.ToString('yyyy-MM-dd HH:mm:ss')
            (Clear-SyncHistory -Name example -OlderThan $text -Confirm:$false).Removed | Should -Be 40
            (Clear-SyncHistory -OlderThan '2.00:00:00' -Confirm:$false).Removed | Should -Be 0
        }

        It 'keeps the newest records of each plugin with -KeepLast' {
            $result = Clear-SyncHistory -KeepLast 3 -Confirm:$false

            $result.Removed | Should -Be 51
            @(Get-SyncHistory -Name example -Status Completed).Count | Should -Be 3
            @(Get-SyncHistory -Name folder).Count | Should -Be 3
        }

        It 'never removes a Running record, however old' {
            Clear-SyncHistory -KeepLast 0 -Confirm:$false | Out-Null

            $left = @(Get-SyncHistory)
            $left.Count | Should -Be 1
            "$($left[0].Status)" | Should -Be 'Running'
        }

        It 'limits the removal to -Name and takes names from the pipeline' {
            Clear-SyncHistory -Name FOLDER -KeepLast 0 -Confirm:$false | Out-Null
            @(Get-SyncHistory -Name folder).Count | Should -Be 0
            @(Get-SyncHistory -Name example).Count | Should -Be 46

            'example' | Clear-SyncHistory -KeepLast 1 -Confirm:$false | Out-Null
            @(Get-SyncHistory -Name example -Status Completed).Count | Should -Be 1
        }

        It 'writes a HistoryCleared entry per plugin with the cutoff and the count, shown by Get-SyncAuditLog' {
            Clear-SyncHistory -OlderThan (New-TimeSpan -Days 30) -Confirm:$false | Out-Null

            $entries = @(Get-SyncAuditLog -Action HistoryCleared)
            @($entries | ForEach-Object PluginName | Sort-Object) | Should -Be @('example', 'folder')
            $example = $entries | Where-Object PluginName -EQ 'example'
            $example.Target | Should -BeLike 'older than 30.00:00:00 (started before *'
            ($example.Changes | Where-Object Field -EQ 'Records removed').After | Should -Be '40'
            ($example.Changes | Where-Object Field -EQ 'Cutoff').After | Should -Not -BeNullOrEmpty
        }

        It 'leaves statistics counting only the history that remains' {
            (Get-SyncStatistics -Name example).Runs | Should -Be 45

            Clear-SyncHistory -OlderThan (New-TimeSpan -Days 30) -Confirm:$false | Out-Null

            (Get-SyncStatistics -Name example).Runs | Should -Be 5
            (Get-SyncStatistics -Name folder).Runs | Should -Be 2
        }

        It 'removes nothing and returns Removed 0 when no record matches' {
            $result = Clear-SyncHistory -KeepLast 100 -Confirm:$false

            $result.Removed | Should -Be 0
            $result.SizeAfter | Should -Be $result.SizeBefore
            Get-HistoryIds | Should -Be $before
            @(Get-SyncAuditLog -Action HistoryCleared).Count | Should -Be 0
        }

        It 'refuses <Case> naming the value, and removes nothing' -ForEach $BadRules {
            $thrown = { Clear-SyncHistory @Arguments -Confirm:$false } |
                Should -Throw -ErrorId "$ErrorId,*" -PassThru

            "$($thrown.CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            $thrown.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Quoted))*"
            $thrown.Exception.Message | Should -BeLike '*Nothing was removed.*'
            Get-HistoryIds | Should -Be $before
            @(Get-SyncAuditLog -Action HistoryCleared).Count | Should -Be 0
        }

        It 'refuses a cutoff in the future, naming it, and removes nothing' {
            $future = (Get-Date).AddDays(1)

            $thrown = { Clear-SyncHistory -OlderThan $future -Confirm:$false } |
                Should -Throw -ErrorId 'HistoryCutoffInvalid,*' -PassThru

            $thrown.Exception.Message | Should -BeLike "*$($future.ToUniversalTime().ToString('yyyy-MM-dd HH:mm'))*"
            $thrown.Exception.Message | Should -BeLike '*in the future*'
            Get-HistoryIds | Should -Be $before
        }
    }

    Context 'while another process runs syncs' {
        It 'compacts the store without breaking the other process, and rollups agree with the records' {
            Set-PluginConfiguration -Name example -Enabled -Secret @{ api_key = 'k-value' } -Setting @{ delay_ms = 5 } |
                Out-Null
            $resultPath = Join-Path $TestStore.Work 'worker.jsonl'
            $process = (Get-Process -Id $PID).Path
            $info = [Diagnostics.ProcessStartInfo]::new($process)
            if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
                $info.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
            }
            $worker = Join-Path $RepositoryRoot 'tests/soak/SoakWorker.ps1'
            foreach ($argument in @('-NoProfile', '-NonInteractive', '-File', $worker, '-ModulePath', $ModuleManifest,
                    '-Plugin', 'example', '-Runs', '60', '-ResultPath', $resultPath)) {
                $info.ArgumentList.Add($argument)
            }
            $info.UseShellExecute = $false
            $info.Environment['PLUGINSYNC_HOME'] = $env:PLUGINSYNC_HOME
            $child = [Diagnostics.Process]::Start($info)

            $clears = 0
            try {
                while (-not $child.HasExited) {
                    Clear-SyncHistory -KeepLast 3 -Confirm:$false -ErrorAction Stop | Out-Null
                    $clears++
                }
            }
            finally {
                $child.WaitForExit()
            }

            $child.ExitCode | Should -Be 0 -Because (Get-Content "$resultPath.error" -Raw -ErrorAction SilentlyContinue)
            $clears | Should -BeGreaterThan 0
            $runs = @(Get-Content $resultPath | ForEach-Object { $_ | ConvertFrom-Json })
            $runs.Count | Should -Be 60
            @($runs | Where-Object { $_.ErrorType -notin 'None' }) | Should -BeNullOrEmpty
            $newest = $runs[-1].HistoryId
            (Get-SyncHistory -Id $newest).Status | Should -Be 'Completed'
            $closed = @(Get-SyncHistory | Where-Object Status -NE 'Running').Count
            (Get-SyncStatistics -Name example).Runs | Should -Be $closed
            @(Get-ChildItem -LiteralPath $TestStore.Home -Filter '*backup*').Count | Should -Be 0
        }
    }
}
