# Four processes run syncs of the same plugins against one store at the same time, 100 runs each.
Describe 'Soak: concurrent processes against one store' {
    BeforeAll {
        $script:report = & (Join-Path $PSScriptRoot '..' 'soak' 'Invoke-Soak.ps1') -Processes 4 -Runs 100
    }

    It 'finishes every process without an unhandled exception' {
        $report.Crashes | Should -BeNullOrEmpty
        $report.ExitCodes | Should -Be @(0, 0, 0, 0)
        $report.RunsReported | Should -Be 400
    }

    It 'leaves exactly one closed history record for every run that started' {
        $report.RunsStarted | Should -BeGreaterThan 0
        $report.RecordsMissing | Should -Be 0
        $report.DuplicateIds | Should -Be 0
        $report.HistoryRecords | Should -Be $report.RunsStarted
        $report.RecordsLeftRunning | Should -Be 0
    }

    It 'never overlaps two runs of one plugin in time' {
        $report.Overlaps | Should -BeNullOrEmpty
    }

    It 'ends every run as a success or a skip of a busy plugin' {
        $report.UnexpectedOutcomes | Should -BeNullOrEmpty
        ($report.RunsStarted + $report.RunsSkippedBusy) | Should -Be $report.RunsReported
    }
}
