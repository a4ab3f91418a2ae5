BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function ConvertTo-SearchableText {
        <# Everything PowerShell can tell about the captured items: their formatting and all their properties. #>
        param([object[]] $Items)

        $parts = foreach ($item in $Items) {
            if ($null -eq $item) {
                continue
            }

            $item | Out-String -Width 1000
            $item | Format-List * -Force | Out-String -Width 1000
            if ($item -is [System.Management.Automation.ErrorRecord]) {
                $item.Exception.Message
                "$($item.TargetObject)"
                "$($item.ErrorDetails)"
                "$($item.CategoryInfo)"
                $item.Exception | Format-List * -Force | Out-String -Width 1000
            }
        }

        @($parts) -join "`n"
    }

    function Invoke-SecretScenario {
        <#
        Plants the secret as example's api_key and uses every cmdlet that touches it, with -Verbose and the
        debug stream on, capturing every stream. Returns the captured text, errors and warnings.
        #>
        param([Parameter(Mandatory = $true)] [string] $Secret)

        $DebugPreference = 'Continue'
        $failures = @()
        $warnings = @()
        $common = @{ Verbose = $true; ErrorVariable = '+failures'; WarningVariable = '+warnings' }
        $captured = @(
            Set-PluginConfiguration -Name example -Secret @{ api_key = $Secret } -Enabled -PassThru @common *>&1
            $secure = ConvertTo-SecureString $Secret -AsPlainText -Force
            Set-PluginConfiguration -Name example -Secret @{ api_key = $secure } -PassThru @common *>&1
            # Refused changes: their errors name the key or the setting, never the value.
            Set-PluginConfiguration -Name example -Secret @{ api_key = $Secret; apikey = $Secret } @common *>&1
            Set-PluginConfiguration -Name example -Secret @{ api_key = $Secret } -Setting @{ batch_size = 'x' } `
                @common *>&1
            Get-PluginConfiguration @common *>&1
            Get-PluginConfiguration -Name example @common *>&1 | ForEach-Object {
                if ($_ -is [PluginSync.Engine.Configuration.PluginConfiguration]) { $_ | ConvertTo-Json -Depth 4 }
                else { $_ }
            }
            Invoke-PluginSync -Name example @common *>&1
            Invoke-PluginSync -All -Summary @common *>&1
            Get-SyncHistory @common *>&1
        )

        [pscustomobject]@{
            Text     = ConvertTo-SearchableText ($captured + $failures + $warnings)
            Captured = $captured
            Failures = $failures
            Warnings = $warnings
        }
    }
}

Describe 'Secrets' {
    BeforeEach {
        $TestStore = Enter-TestStore
        $secret = 'PLANTED-' + [Guid]::NewGuid().ToString()
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    It 'finds the planted secret when it is there, so the checks below can fail' {
        $text = ConvertTo-SearchableText @("before $secret after")
        $bytes = [Text.Encoding]::Unicode.GetBytes("x$secret")

        $text | Should -BeLike "*$secret*"
        Test-BytesContain -Bytes $bytes -Text $secret -Encoding ([Text.Encoding]::Unicode) | Should -BeTrue
        Test-BytesContain -Bytes $bytes -Text $secret -Encoding ([Text.Encoding]::UTF8) | Should -BeFalse
    }

    It 'never writes a credential value to any stream of Set, Get, Invoke and Get-SyncHistory' {
        $scenario = Invoke-SecretScenario -Secret $secret

        # The scenario did use the secret: the runs succeeded and the refused changes wrote errors.
        @($scenario.Captured | Where-Object { $_ -is [PluginSync.Engine.Execution.SyncResult] -and $_.Success }).Count |
            Should -Be 1
        @($scenario.Captured | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count |
            Should -BeGreaterThan 0
        $scenario.Failures.Count | Should -Be 2
        $scenario.Text | Should -BeLike '*api_key*'
        $scenario.Text | Should -BeLike '*CredentialKeys*'

        $scenario.Text | Should -Not -BeLike "*$secret*"
    }

    It 'never writes a credential value in clear into any file of the store folder' {
        Invoke-SecretScenario -Secret $secret | Out-Null

        $files = @(Get-ChildItem -LiteralPath $env:PLUGINSYNC_HOME -Recurse -File -Force)
        @($files | ForEach-Object { $_.Name }) | Should -Contain 'pluginsync.db'
        foreach ($file in $files) {
            $bytes = [IO.File]::ReadAllBytes($file.FullName)
            Test-BytesContain -Bytes $bytes -Text $secret -Encoding ([Text.Encoding]::UTF8) |
                Should -BeFalse -Because "$($file.Name) must not hold the secret in UTF-8"
            Test-BytesContain -Bytes $bytes -Text $secret -Encoding ([Text.Encoding]::Unicode) |
                Should -BeFalse -Because "$($file.Name) must not hold the secret in UTF-16LE"
        }
    }

    It 'does not echo a credential given as <Kind> in its CredentialValueInvalid error' -ForEach @(
        @{ Kind = 'a number' }
        @{ Kind = 'a character array' }
    ) {
        $digits = '9' + (Get-Random -Minimum 100000000 -Maximum 999999999)
        $value = if ($Kind -eq 'a number') { [long]$digits } else { $secret.ToCharArray() }
        $shown = if ($Kind -eq 'a number') { $digits } else { $secret }

        $output = Set-PluginConfiguration -Name example -Secret @{ api_key = $value } -Verbose `
            -ErrorVariable failures -ErrorAction SilentlyContinue *>&1

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'CredentialValueInvalid,*'
        ConvertTo-SearchableText (@($output) + @($failures)) | Should -Not -BeLike "*$shown*"
    }

    It 'does not show a credential value in the -WhatIf message' {
        $transcript = Join-Path $TestStore.Work 'transcript.txt'

        Start-Transcript -Path $transcript | Out-Null
        try {
            Set-PluginConfiguration -Name example -Secret @{ api_key = $secret } -WhatIf
        }
        finally {
            Stop-Transcript | Out-Null
        }

        $text = Get-Content -LiteralPath $transcript -Raw
        $text | Should -BeLike '*What if*example*'
        $text | Should -Not -BeLike "*$secret*"
    }

    It 'keeps the key file readable by its owner only' -Skip:(-not ($IsLinux -or $IsMacOS)) {
        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret }

        (Get-Item -LiteralPath (Join-Path $env:PLUGINSYNC_HOME 'master.key') -Force).UnixMode |
            Should -Be '-rw-------'
        (Get-Item -LiteralPath $env:PLUGINSYNC_HOME -Force).UnixMode | Should -Be 'drwx------'
    }

    It 'does not echo an invalid PLUGINSYNC_MASTER_KEY in its MasterKeyInvalid error' {
        $env:PLUGINSYNC_MASTER_KEY = $secret

        $output = Set-PluginConfiguration -Name example -Secret @{ api_key = 'k-value' } -Verbose `
            -ErrorVariable failures -ErrorAction SilentlyContinue *>&1

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MasterKeyInvalid,*'
        $failures[0].Exception.Message | Should -BeLike '*PLUGINSYNC_MASTER_KEY*'
        ConvertTo-SearchableText (@($output) + @($failures)) | Should -Not -BeLike "*$secret*"
        Get-PluginConfiguration -Name example -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'takes the master key from PLUGINSYNC_MASTER_KEY instead of writing a key file' {
        $key = New-Object byte[] 32
        (New-Object Random 4242).NextBytes($key)
        $env:PLUGINSYNC_MASTER_KEY = [Convert]::ToBase64String($key)

        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret } -Enabled

        Test-Path -LiteralPath (Join-Path $env:PLUGINSYNC_HOME 'master.key') | Should -BeFalse
        (Invoke-PluginSync -Name example).Success | Should -BeTrue
    }

    It 'refuses another master key than the one the credentials were stored under, and says so without the value' {
        $key = New-Object byte[] 32
        (New-Object Random 1).NextBytes($key)
        $env:PLUGINSYNC_MASTER_KEY = [Convert]::ToBase64String($key)
        Set-PluginConfiguration -Name example -Secret @{ api_key = $secret } -Enabled
        (New-Object Random 2).NextBytes($key)
        $env:PLUGINSYNC_MASTER_KEY = [Convert]::ToBase64String($key)

        $result = Invoke-PluginSync -Name example -ErrorVariable failures -ErrorAction SilentlyContinue

        "$($result.ErrorType)" | Should -Be 'NotConfigured'
        $result.Error | Should -BeLike '*is not the key the store*PLUGINSYNC_MASTER_KEY*'
        ConvertTo-SearchableText (@($result) + @($failures)) | Should -Not -BeLike "*$secret*"
    }
}
