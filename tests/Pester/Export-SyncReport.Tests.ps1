BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    $ChromiumPath = '/usr/bin/chromium'

    function Get-ChromiumPath {
        <# The headless browser that renders the report; the test fails, saying how to install it, without it. #>
        if (-not (Test-Path -LiteralPath $ChromiumPath -PathType Leaf)) {
            throw "Chromium is needed to render the report but '$ChromiumPath' does not exist. Install it with " +
                "'apt-get update && apt-get install -y chromium' (the Debian package chromium), as .ci/run does."
        }

        $ChromiumPath
    }

    function Invoke-Chromium {
        <#
        Runs headless Chromium once with a new, empty profile, with every background service off and every host
        name unresolvable, so that nothing goes to the network. Returns its exit code and what it printed.
        #>
        param([Parameter(Mandatory = $true)] [string[]] $Arguments, [int] $TimeoutSeconds = 120)

        $chromium = Get-ChromiumPath
        $userData = New-TestFolder -Prefix 'pluginsync-chromium'
        $options = @(
            '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync',
            "--user-data-dir=$userData", '--host-resolver-rules=MAP * ~NOTFOUND'
        )
        try {
            $info = [Diagnostics.ProcessStartInfo]::new($chromium)
            foreach ($argument in $options + $Arguments) { $info.ArgumentList.Add($argument) }
            $info.UseShellExecute = $false
            $info.RedirectStandardOutput = $true
            $info.RedirectStandardError = $true
            $process = [Diagnostics.Process]::Start($info)
            $output = $process.StandardOutput.ReadToEndAsync()
            $errors = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
                $process.Kill($true)
                throw "Chromium did not finish within $TimeoutSeconds seconds."
            }

            $process.WaitForExit()
            [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $output.Result; Errors = $errors.Result }
        }
        finally {
            Remove-Item -LiteralPath $userData -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    # Measures the drawn charts once the page is parsed, and writes the result into an attribute that
    # --dump-dom prints. It goes into a copy of the report, before the report's own security policy, which
    # would refuse it anywhere after; the report itself holds no script.
    $MeasureScript = @'
<script>
document.addEventListener('DOMContentLoaded', function () {
  function box(e) { var r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; }
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }
  var success = all('#chart-runs rect.bar-success');
  var first = success.length ? box(success[0]) : null;
  var hit = first ? document.elementFromPoint(first.x + first.w / 2, first.y + first.h / 2) : null;
  var result = {
    runsChart: all('#chart-runs').map(box),
    durationsChart: all('#chart-durations').map(box),
    successBars: success.map(box),
    failureBars: all('#chart-runs rect.bar-failure').map(box),
    lines: all('#chart-durations polyline.line').map(function (e) {
      var b = box(e); b.length = e.getTotalLength(); b.stroke = getComputedStyle(e).stroke; return b;
    }),
    markers: all('#chart-durations .marker').map(box),
    axisLabels: all('svg.chart-svg text').map(box),
    legendItems: all('ul.legend li').map(function (e) { return e.textContent; }),
    successFill: success.length ? getComputedStyle(success[0]).fill : '',
    firstBarIsOnTop: hit === success[0],
    messages: all('td[data-column=message]').map(function (e) { return e.textContent; }),
    scripts: document.scripts.length
  };
  document.documentElement.setAttribute('data-measured', JSON.stringify(result));
});
</script>
'@

    function Get-RenderedMeasurement {
        <# Renders a measuring copy of the report in Chromium and returns what the script measured. #>
        param([Parameter(Mandatory = $true)] [string] $Report)

        $html = Get-Content -LiteralPath $Report -Raw
        $charset = '<meta charset="utf-8" />'
        $html.Contains($charset) | Should -BeTrue -Because 'the measuring script goes right after the charset'
        $copy = Join-Path (Split-Path $Report -Parent) 'measured-copy.html'
        Set-Content -LiteralPath $copy -Value $html.Replace($charset, $charset + $MeasureScript) -NoNewline

        $run = Invoke-Chromium @('--window-size=1280,2000', '--dump-dom', ([Uri]::new($copy)).AbsoluteUri)
        $run.ExitCode | Should -Be 0 -Because $run.Errors
        if ($run.Output -notmatch 'data-measured="([^"]*)"') {
            $start = $run.Output.Substring(0, [Math]::Min(400, $run.Output.Length))
            throw "Chromium's page has no measurement; it printed: $start"
        }

        [Net.WebUtility]::HtmlDecode($Matches[1]) | ConvertFrom-Json
    }

    function Move-HistoryRecord {
        <# Moves a history record's times back by whole days, as if the run had happened then. #>
        param([Parameter(Mandatory = $true)] [long] $Id, [Parameter(Mandatory = $true)] [int] $Days)

        $database = [LiteDB.LiteDatabase]::new("Filename=$(Get-StoreFilePath);Connection=Shared")
        try {
            $history = $database.GetCollection('history')
            $document = $history.FindById([LiteDB.BsonValue]::new($Id))
            foreach ($field in 'StartTime', 'EndTime', 'Heartbeat') {
                $moved = $document[$field].AsDateTime.ToUniversalTime().AddDays(-$Days)
                $document[$field] = [LiteDB.BsonValue]::new($moved)
            }
            $null = $history.Update($document)
        }
        finally {
            $database.Dispose()
        }
    }

    function Add-UnmaskedFailure {
        <#
        Writes a failed run whose message holds a credential value in clear, as a record written before the
        engine masked messages, or by a plugin that leaked the value, would hold it.
        #>
        param([Parameter(Mandatory = $true)] [string] $Name, [Parameter(Mandatory = $true)] [string] $Message)

        $database = [LiteDB.LiteDatabase]::new("Filename=$(Get-StoreFilePath);Connection=Shared")
        try {
            $start = [DateTime]::UtcNow.AddMinutes(-30)
            $document = [LiteDB.BsonDocument]::new()
            $values = [ordered]@{
                PluginName = $Name; PluginKey = $Name.ToLowerInvariant(); Status = 'Failed'; StartTime = $start
                EndTime = $start.AddSeconds(2); Heartbeat = $start.AddSeconds(2); ErrorMessage = $Message
                Host = [Environment]::MachineName; User = [Environment]::UserName; ProcessId = [int]$PID
                Attempts = [int]1; Processed = [long]0; Created = [long]0; Updated = [long]0; Deleted = [long]0
                Failed = [long]0; Skipped = [long]0
            }
            foreach ($pair in $values.GetEnumerator()) { $document[$pair.Key] = [LiteDB.BsonValue]::new($pair.Value) }
            $history = $database.GetCollection('history', [LiteDB.BsonAutoId]::Int64)
            $history.Insert($document).AsInt64
        }
        finally {
            $database.Dispose()
        }
    }
}

Describe 'Export-SyncReport' {
    BeforeEach {
        $TestStore = Enter-TestStore
        $Report = Join-Path $TestStore.Work 'report.html'
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    Context 'without a store' {
        It 'writes a report that says there is no history, and creates no store' {
            Export-SyncReport -Path $Report -ErrorVariable failures

            $failures.Count | Should -Be 0
            Test-Path -LiteralPath $TestStore.Home | Should -BeFalse
            $html = Get-Content -LiteralPath $Report -Raw
            $html | Should -Match 'id="no-store"'
            $html | Should -Match ([regex]::Escape((Join-Path $TestStore.Home 'pluginsync.db')))
            $html | Should -Match 'data-chart="runs"[^>]*>No runs ended'
        }

        It 'writes nothing and creates no store with -WhatIf' {
            Export-SyncReport -Path $Report -WhatIf

            Test-Path -LiteralPath $Report | Should -BeFalse
            Test-Path -LiteralPath $TestStore.Home | Should -BeFalse
        }
    }

    Context 'bad input' {
        It 'refuses a path whose folder does not exist, naming the folder' {
            $missing = Join-Path $TestStore.Work 'no-such-folder'
            $path = Join-Path $missing 'report.html'

            { Export-SyncReport -Path $path -ErrorAction Stop } |
                Should -Throw -ErrorId 'ReportFolderNotFound,PluginSync.Commands.ExportSyncReportCommand' `
                    -ExpectedMessage "*'$missing'*does not exist*"

            Test-Path -LiteralPath $missing | Should -BeFalse
        }

        It 'refuses a path whose folder does not exist also with -WhatIf' {
            $path = Join-Path (Join-Path $TestStore.Work 'no-such-folder') 'report.html'

            { Export-SyncReport -Path $path -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'ReportFolderNotFound*'
        }

        It 'refuses a path that is a folder' {
            { Export-SyncReport -Path $TestStore.Work -ErrorAction Stop } |
                Should -Throw -ErrorId 'ReportPathIsFolder*' -ExpectedMessage "*'$($TestStore.Work)' is a folder*"
        }

        It 'refuses a path that is not on the file system' {
            { Export-SyncReport -Path 'Variable:/report' -ErrorAction Stop } |
                Should -Throw -ErrorId 'ReportPathInvalid*' -ExpectedMessage "*'Variable:/report'*"
        }

        It 'refuses -After later than now, quoting it' {
            $later = (Get-Date).AddDays(1)

            { Export-SyncReport -Path $Report -After $later -ErrorAction Stop } |
                Should -Throw -ErrorId 'ReportWindowInvalid*' -ExpectedMessage "*$($later.ToString('yyyy-MM-dd'))*"
            Test-Path -LiteralPath $Report | Should -BeFalse
        }

        It 'refuses a plugin name that is not valid, quoting it' {
            { Export-SyncReport -Path $Report -Name 'bad name!' -ErrorAction Stop } |
                Should -Throw -ExpectedMessage "*'bad name!'*"
        }
    }

    Context 'with history' {
        BeforeEach {
            $ApiKey = 'key-' + [Guid]::NewGuid().ToString('N')
        Set-ExampleConfiguration -ApiKey $ApiKey -Enabled | Out-Null
        $source = New-SourceTree -Path (Join-Path $TestStore.Work 'source')
        Set-FolderConfiguration -Source $source -Destination (Join-Path $TestStore.Work 'copy') -Enabled | Out-Null
        (Invoke-PluginSync -Name example).Success | Should -BeTrue
        (Invoke-PluginSync -Name folder).Success | Should -BeTrue
        }

        It 'returns the written file with -PassThru and nothing without it' {
        $file = Export-SyncReport -Path $Report -PassThru
        $none = Export-SyncReport -Path $Report

        $file | Should -BeOfType ([IO.FileInfo])
        $file.FullName | Should -Be $Report
        $file.Length | Should -BeGreaterThan 1000
        $none | Should -BeNullOrEmpty
        }

        It 'replaces an existing file and leaves no temporary file beside it' {
        Set-Content -LiteralPath $Report -Value 'an old report'

        Export-SyncReport -Path $Report

        Get-Content -LiteralPath $Report -Raw | Should -Match '^<!DOCTYPE html>'
        @(Get-ChildItem -LiteralPath $TestStore.Work -Force -File).Name | Should -Be @('report.html')
        }

        It 'resolves a relative path against the current location' {
        Set-Location $TestStore.Work

        Export-SyncReport -Path 'relative.html'

        Test-Path -LiteralPath (Join-Path $TestStore.Work 'relative.html') | Should -BeTrue
        }

        It 'covers only the plugins named with -Name' {
        Export-SyncReport -Path $Report -Name 'ex*'

        $html = Get-Content -LiteralPath $Report -Raw
        $html | Should -Match '<tr data-plugin="example">'
        $html | Should -Not -Match '<tr data-plugin="folder">'
        }

        It 'puts the names of piped configurations into one report' {
        Get-PluginConfiguration -Name folder | Export-SyncReport -Path $Report

        $html = Get-Content -LiteralPath $Report -Raw
        $html | Should -Match '<tr data-plugin="folder">'
        $html | Should -Not -Match '<tr data-plugin="example">'
        }

        It 'counts only the runs that started at or after -After' {
        Export-SyncReport -Path $Report -After (Get-Date).AddMinutes(-10)
        $recent = Get-Content -LiteralPath $Report -Raw
        Move-HistoryRecord -Id (Get-SyncHistory -Name example).Id -Days 2

        Export-SyncReport -Path $Report -After (Get-Date).AddDays(-1)

        $recent | Should -Match '<tr data-plugin="example">'
        Get-Content -LiteralPath $Report -Raw | Should -Not -Match '<tr data-plugin="example">'
        }

        It 'masks a credential value that an old failure message holds in clear' {
        Add-UnmaskedFailure -Name example -Message "The API refused the key $ApiKey." | Out-Null

        Export-SyncReport -Path $Report

        $html = Get-Content -LiteralPath $Report -Raw
        $html | Should -Not -Match $ApiKey
        $html | Should -Match 'The API refused the key \*{8}\.'
        }
    }
}

Describe 'Export-SyncReport rendered in Chromium' {
    BeforeAll {
        $TestStore = Enter-TestStore
        $Report = Join-Path $TestStore.Work 'report.html'

        # One history for every test here: the runs take a few seconds.
        $ApiKey = 'key-' + [Guid]::NewGuid().ToString('N')
        Set-ExampleConfiguration -ApiKey $ApiKey -Enabled -Setting @{ delay_ms = 100 } | Out-Null
        $source = New-SourceTree -Path (Join-Path $TestStore.Work 'source')
        $copy = Join-Path $TestStore.Work 'copy'
        Set-FolderConfiguration -Source $source -Destination $copy -Enabled | Out-Null
        # A folder name with markup characters, so that the folder plugin's error message holds them.
        $oddSource = Join-Path $TestStore.Work 'gone <b>&"x''s'

        # Three days back to today: each plugin runs once a day, with a failure of each on some day.
        $days = @(
            @{ Days = 3; Delay = 100; Source = $source }
            @{ Days = 2; Delay = 300; Source = $oddSource }
            @{ Days = 1; Delay = 200; Source = $source }
            @{ Days = 0; Delay = 150; Source = $source }
        )
        foreach ($day in $days) {
            Set-PluginConfiguration -Name example -Setting @{ delay_ms = $day.Delay }
            Set-PluginConfiguration -Name folder -Setting @{ Source = $day.Source }
            $runs = @(
                Invoke-PluginSync -Name example
                Invoke-PluginSync -Name folder -ErrorAction SilentlyContinue
            )
            foreach ($run in $runs) { Move-HistoryRecord -Id $run.SyncHistoryId -Days $day.Days }
        }

        Set-PluginConfiguration -Name example -Setting @{ delay_ms = 1000; batch_size = 1 }
        (Invoke-PluginSync -Name example -TimeoutSeconds 1 -ErrorAction SilentlyContinue).ErrorType |
            Should -Be 'TimedOut'
        Add-UnmaskedFailure -Name example -Message "The API refused the key $ApiKey." | Out-Null

        Export-SyncReport -Path $Report
    }

    AfterAll {
        Exit-TestStore $TestStore
    }

    It 'holds no script, so it reads the same without one' {
        $html = Get-Content -LiteralPath $Report -Raw

        $html | Should -Not -Match '<script'
        $html | Should -Not -Match 'https?://'
        $html | Should -Not -Match '\s(src|srcset|action)='
        [regex]::Matches($html, '\shref="([^"]*)"').ForEach({ $_.Groups[1].Value }) | Should -Match '^#'
    }

    It 'draws a bar for each day with successes and for each day with failures' {
        $measured = Get-RenderedMeasurement -Report $Report

        $measured.runsChart[0].w | Should -BeGreaterThan 600
        $measured.successBars.Count | Should -Be 4
        $measured.failureBars.Count | Should -Be 2
        foreach ($bar in @($measured.successBars) + @($measured.failureBars)) {
            $bar.w | Should -BeGreaterThan 0
            $bar.h | Should -BeGreaterThan 0
        }
        $measured.successFill | Should -Be 'rgb(0, 114, 178)'
        $measured.firstBarIsOnTop | Should -BeTrue -Because 'nothing covers the bars'
    }

    It 'draws a duration line with markers for each plugin' {
        $measured = Get-RenderedMeasurement -Report $Report

        $measured.durationsChart[0].w | Should -BeGreaterThan 600
        $measured.lines.Count | Should -Be 2
        foreach ($line in $measured.lines) {
            $line.w | Should -BeGreaterThan 100
            $line.length | Should -BeGreaterThan 100
        }
        $measured.lines[0].stroke | Should -Not -Be $measured.lines[1].stroke
        @($measured.markers).Count | Should -Be 8
        foreach ($marker in $measured.markers) {
            $marker.w | Should -BeGreaterThan 0
            $marker.h | Should -BeGreaterThan 0
        }
    }

    It 'draws the axis labels and names every series in a legend' {
        $measured = Get-RenderedMeasurement -Report $Report

        @($measured.axisLabels).Count | Should -BeGreaterThan 10
        foreach ($label in $measured.axisLabels) { $label.w | Should -BeGreaterThan 0 }
        $measured.legendItems | Should -Contain 'Succeeded'
        $measured.legendItems | Should -Contain 'example'
        $measured.legendItems | Should -Contain 'folder'
    }

    It 'shows the failure messages as text, escaped and masked' {
        $measured = Get-RenderedMeasurement -Report $Report

        $measured.scripts | Should -Be 1 -Because 'only the measuring script runs; the report has none'
        @($measured.messages).Count | Should -Be 3
        $measured.messages | Should -Contain 'The API refused the key ********.'
        @($measured.messages | Where-Object { $_ -like '*gone <b>&"x''s*' }).Count | Should -Be 1
        ($measured.messages -join "`n") | Should -Not -Match $ApiKey
    }

    It 'takes a full-page screenshot of the report' {
        $screenshot = Join-Path $TestStore.Work 'report.png'

        $run = Invoke-Chromium @("--screenshot=$screenshot", '--window-size=1280,2000',
            ([Uri]::new($Report)).AbsoluteUri)

        $run.ExitCode | Should -Be 0 -Because $run.Errors
        $bytes = [IO.File]::ReadAllBytes($screenshot)
        [Text.Encoding]::ASCII.GetString($bytes, 1, 3) | Should -Be 'PNG'
        # The PNG header's width and height, big-endian, right after the IHDR chunk's name.
        $width = [BitConverter]::ToInt32(@($bytes[19], $bytes[18], $bytes[17], $bytes[16]), 0)
        $height = [BitConverter]::ToInt32(@($bytes[23], $bytes[22], $bytes[21], $bytes[20]), 0)
        "$width x $height" | Should -Be '1280 x 2000'
    }
}
