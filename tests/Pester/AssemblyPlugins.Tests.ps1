BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # The compiled sample and the test plugins, each published into a folder of its own (tests/fixtures). The
    # build is incremental: once the engine tests have built the same projects, it only copies them.
    $FixturesFolder = Join-Path $RepositoryRoot 'out/fixtures'
    $fixturesProject = Join-Path $RepositoryRoot 'tests/fixtures/PluginFixtures.proj'
    $built = & dotnet build $fixturesProject -c Release "-p:FixturesOutput=$FixturesFolder/" -nodeReuse:false `
        --nologo -v quiet 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "The plugin fixtures could not be built:`n$($built -join "`n")"
    }

    function Copy-PluginFixture {
        <# Copies a built fixture's folder into a plugin directory, and returns the path of its assembly. #>
        param(
            [Parameter(Mandatory = $true)] [string] $Name,
            [Parameter(Mandatory = $true)] [string] $PluginDirectory
        )

        Copy-Item -LiteralPath (Join-Path $FixturesFolder $Name) -Destination $PluginDirectory -Recurse
        Join-Path (Join-Path $PluginDirectory $Name) "$Name.dll"
    }
}

Describe 'Assembly plugins' {
    BeforeEach {
        $TestStore = Enter-TestStore
        $PluginDirectory = Join-Path $TestStore.Work 'plugins'
        New-Item -ItemType Directory -Path $PluginDirectory | Out-Null
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    Context 'the compiled sample csv' {
        BeforeEach {
            $SampleSource = Copy-PluginFixture -Name CsvSync -PluginDirectory $PluginDirectory
            $Csv = Join-Path $TestStore.Work 'people.csv'
            $Destination = Join-Path $TestStore.Work 'people'
            Set-Content -LiteralPath $Csv -Value "id,name`n1,Ada`n2,Grace`n" -NoNewline
        }

        It 'is listed by Get-SyncPlugin as an Assembly plugin once its folder is registered' {
            Get-SyncPlugin -Name csv -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

            Register-SyncPlugin -Path $PluginDirectory
            $plugin = Get-SyncPlugin -Name csv

            "$($plugin.Kind)" | Should -Be 'Assembly'
            $plugin.Source | Should -Be $SampleSource
            $plugin.Version | Should -Be ([version]'1.0.0')
            @($plugin.Settings | ForEach-Object { $_.Name }) |
                Should -Be @('Path', 'Destination', 'KeyColumn', 'Delimiter', 'Delete')
        }

        It 'is returned by Register-SyncPlugin -PassThru' {
            $plugins = @(Register-SyncPlugin -Path $PluginDirectory -PassThru)

            @($plugins | ForEach-Object { $_.Name }) | Should -Be @('csv')
        }

        It 'is found through PLUGINSYNC_PLUGIN_PATH without being registered' {
            $env:PLUGINSYNC_PLUGIN_PATH = $PluginDirectory

            "$((Get-SyncPlugin -Name csv).Kind)" | Should -Be 'Assembly'
        }

        It 'refuses <Setting> = <Shown> with SettingValueInvalid, naming what the setting takes' -ForEach @(
            @{ Setting = 'Delete'; Value = 'yes'; Shown = "'yes'"; Takes = 'takes $true or $false' }
            @{ Setting = 'Path'; Value = 42; Shown = '42'; Takes = 'takes an absolute file or folder path' }
            @{ Setting = 'Delimiter'; Value = ':'; Shown = "':'"; Takes = "takes one of ',', ';', '|'" }
        ) {
            Register-SyncPlugin -Path $PluginDirectory

            Set-PluginConfiguration -Name csv -Setting @{ $Setting = $Value } -ErrorVariable failures `
                -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SettingValueInvalid,*'
            $failures[0].Exception.Message | Should -BeLike "*'$Setting' of plugin 'csv' $Takes*"
            $failures[0].Exception.Message | Should -BeLike "*; $Shown* is not accepted.*"
            @(Get-PluginConfiguration | Where-Object { $_.Name -eq 'csv' }).Count | Should -Be 0
        }

        It 'creates every row on the first run, then updates the changed row and skips the others' {
            Register-SyncPlugin -Path $PluginDirectory
            Set-PluginConfiguration -Name csv -Setting @{ Path = $Csv; Destination = $Destination } -Enabled

            $first = Invoke-PluginSync -Name csv
            Set-Content -LiteralPath $Csv -Value "id,name`n1,Ada`n2,Grace Hopper`n3,Linus`n" -NoNewline
            $second = Invoke-PluginSync -Name csv

            $first.Success | Should -BeTrue
            @($first.Created, $first.Updated, $first.Skipped) | Should -Be @(2, 0, 0)
            $second.Success | Should -BeTrue
            @($second.Created, $second.Updated, $second.Skipped) | Should -Be @(1, 1, 1)
            @(Get-ChildItem -LiteralPath $Destination -Name | Sort-Object) | Should -Be @('1.json', '2.json', '3.json')
            (Get-Content -LiteralPath (Join-Path $Destination '2.json') -Raw | ConvertFrom-Json).name |
                Should -Be 'Grace Hopper'
            @(Get-SyncHistory -Name csv | ForEach-Object { "$($_.Status)" }) | Should -Be @('Completed', 'Completed')
        }

        It 'writes the plugin''s log lines to the verbose stream' {
            Register-SyncPlugin -Path $PluginDirectory
            Set-PluginConfiguration -Name csv -Setting @{ Path = $Csv; Destination = $Destination } -Enabled

            $verbose = @(Invoke-PluginSync -Name csv -Verbose 4>&1 |
                    Where-Object { $_ -is [Management.Automation.VerboseRecord] })

            @($verbose | Where-Object { $_.Message -like "*Read 2 rows from '$Csv'*" }).Count | Should -Be 1
        }

        It 'writes SyncExecutionFailed with the plugin''s message when a row cannot be synced' {
            Register-SyncPlugin -Path $PluginDirectory
            Set-PluginConfiguration -Name csv -Setting @{ Path = $Csv; Destination = $Destination } -Enabled
            Set-Content -LiteralPath $Csv -Value "id,name`n1,Ada`n1,Grace`n" -NoNewline

            $result = Invoke-PluginSync -Name csv -ErrorVariable failures -ErrorAction SilentlyContinue `
                -WarningAction SilentlyContinue

            "$($result.ErrorType)" | Should -Be 'ExecutionError'
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SyncExecutionFailed,*'
            $failures[0].Exception.Message | Should -BeLike "*line 3 repeats the key '1'*"
        }

        It 'is checked by Test-PluginConfiguration, its own checks of source and destination included' {
            Register-SyncPlugin -Path $PluginDirectory
            Set-PluginConfiguration -Name csv -Setting @{ Path = $Csv; Destination = $Destination } -Enabled

            $checks = @(Test-PluginConfiguration -Name csv)
            Remove-Item -LiteralPath $Csv
            $afterRemoval = @(Test-PluginConfiguration -Name csv)

            @($checks | Where-Object { -not $_.Passed }).Count | Should -Be 0
            @($checks | Select-Object -Last 2 | ForEach-Object { $_.Check }) |
                Should -Be @('Source readable', 'Destination writable')
            $source = $afterRemoval | Where-Object { $_.Check -eq 'Source readable' }
            $source.Passed | Should -BeFalse
            $source.Message | Should -BeLike "*'$Csv' does not exist*"
            Test-PluginConfiguration -Name csv -Quiet | Should -BeFalse
            Test-Path -LiteralPath $Destination | Should -BeFalse
        }
    }

    Context 'two plugins that bring two versions of one dependency' {
        BeforeEach {
            Copy-PluginFixture -Name PluginOne -PluginDirectory $PluginDirectory | Out-Null
            Copy-PluginFixture -Name PluginTwo -PluginDirectory $PluginDirectory | Out-Null
            Register-SyncPlugin -Path $PluginDirectory
            Set-PluginConfiguration -Name fixture-one -Enabled
            Set-PluginConfiguration -Name fixture-two -Enabled
        }

        It 'runs both in one session, each with the version it brought' {
            $results = @(Invoke-PluginSync -Name fixture-one, fixture-two, fixture-one)

            @($results | ForEach-Object { $_.Success }) | Should -Be @($true, $true, $true)
            @($results | ForEach-Object { $_.Data['DependencyAnswer'] }) | Should -Be @('1', '2', '1')
            @($results | ForEach-Object { $_.Data['DependencyVersion'] }) |
                Should -Be @('1.0.0.0', '2.0.0.0', '1.0.0.0')
        }

        It 'runs both in parallel with -All, each with the version it brought' {
            $results = @(Invoke-PluginSync -All | Sort-Object PluginName)

            @($results | ForEach-Object { $_.PluginName }) | Should -Be @('fixture-one', 'fixture-two')
            @($results | ForEach-Object { $_.Data['DependencyAnswer'] }) | Should -Be @('1', '2')
        }
    }

    Context 'plugins that cannot be loaded' {
        It 'warns with the path of a broken assembly, and still lists the other plugins' {
            $bad = Join-Path $PluginDirectory 'Bad.dll'
            [IO.File]::WriteAllBytes($bad, [byte[]](0x4D, 0x5A, 0x00, 0x01, 0xFF, 0xFE))
            Copy-PluginFixture -Name CsvSync -PluginDirectory $PluginDirectory | Out-Null
            Register-SyncPlugin -Path $PluginDirectory

            $plugins = @(Get-SyncPlugin -WarningVariable warnings -WarningAction SilentlyContinue)

            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -BeLike "A plugin could not be loaded from '$bad': *"
            @($plugins | ForEach-Object { $_.Name }) | Should -Contain 'csv'
        }

        It 'warns naming both sources when an assembly plugin claims the name of a built-in plugin, which keeps it' {
            $source = Copy-PluginFixture -Name ClashingPlugin -PluginDirectory $PluginDirectory
            Register-SyncPlugin -Path $PluginDirectory

            $example = Get-SyncPlugin -Name example -WarningVariable warnings -WarningAction SilentlyContinue

            $warnings.Count | Should -Be 1
            "$($warnings[0])" |
                Should -BeLike "*'example' is claimed twice: by BuiltIn 'PluginSync' and by Assembly '$source'*"
            "$($example.Kind)" | Should -Be 'BuiltIn'
        }

        It 'warns naming the dependency that is missing from a plugin''s folder' {
            $source = Copy-PluginFixture -Name PluginOne -PluginDirectory $PluginDirectory
            Remove-Item -LiteralPath (Join-Path (Split-Path $source) 'PluginSync.Fixtures.Shared.dll')
            Register-SyncPlugin -Path $PluginDirectory

            $plugins = @(Get-SyncPlugin -WarningVariable warnings -WarningAction SilentlyContinue)

            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -BeLike "*'$source'*needs PluginSync.Fixtures.Shared, Version=1.0.0.0*"
            @($plugins | ForEach-Object { $_.Name }) | Should -Not -Contain 'fixture-one'
        }
    }
}
