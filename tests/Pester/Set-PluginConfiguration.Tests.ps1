BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Set-PluginConfiguration' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    Context 'the Enabled flag' {
        It 'creates a new configuration disabled unless -Enabled is given' {
            Set-PluginConfiguration -Name folder

            (Get-PluginConfiguration -Name folder).Enabled | Should -BeFalse
        }

        It 'creates a new configuration enabled with -Enabled' {
            Set-PluginConfiguration -Name folder -Enabled

            (Get-PluginConfiguration -Name folder).Enabled | Should -BeTrue
        }

        It 'disables a configuration with -Enabled:$false' {
            Set-PluginConfiguration -Name folder -Enabled

            Set-PluginConfiguration -Name folder -Enabled:$false

            (Get-PluginConfiguration -Name folder).Enabled | Should -BeFalse
        }

        It 'leaves the flag as it is when -Enabled is not given' {
            Set-PluginConfiguration -Name example -Enabled

            Set-PluginConfiguration -Name example -Setting @{ batch_size = 5 }

            (Get-PluginConfiguration -Name example).Enabled | Should -BeTrue
        }
    }

    Context 'settings' {
        It 'stores the text 100 for batch_size as the number 100 ([long])' {
            Set-PluginConfiguration -Name example -Setting @{ batch_size = '100' }

            $value = (Get-PluginConfiguration -Name example).Settings['batch_size']
            $value | Should -BeOfType [long]
            $value | Should -Be 100
        }

        It 'keeps the other settings when one setting changes' {
            $source = Join-Path $TestStore.Work 'source'
            Set-PluginConfiguration -Name folder -Setting @{ Source = $source; Delete = $true }

            Set-PluginConfiguration -Name folder -Setting @{ Delete = $false }

            $settings = (Get-PluginConfiguration -Name folder).Settings
            $settings['Source'] | Should -Be $source
            $settings['Delete'] | Should -BeFalse
        }

        It 'refuses <Shown> for batch_size with SettingValueInvalid and leaves the store as it was' -ForEach @(
            @{ Value = 'abc'; Shown = "'abc'" }
            @{ Value = 1.5; Shown = '1.5' }
            @{ Value = 0; Shown = '0' }
            @{ Value = $true; Shown = 'True' }
        ) {
            Set-ExampleConfiguration -Setting @{ batch_size = 50 } | Out-Null
            $before = Get-ConfigurationSnapshot
            Start-Sleep -Milliseconds 20

            Set-PluginConfiguration -Name example -Setting @{ batch_size = $Value } -ErrorVariable failures `
                -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SettingValueInvalid,*'
            "$($failures[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
            $message = $failures[0].Exception.Message
            $message | Should -BeLike '*batch_size*'
            $message | Should -BeLike "*$Shown*"
            $message | Should -BeLike '*whole number*'
            Get-ConfigurationSnapshot | Should -Be $before
        }

        It 'creates no configuration when a setting of a new configuration is refused' {
            Set-PluginConfiguration -Name folder -Setting @{ Delete = 'maybe' } -Enabled -ErrorVariable failures `
                -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SettingValueInvalid,*'
            $failures[0].Exception.Message | Should -BeLike "*'Delete'*'maybe'*"
            Get-PluginConfiguration -Name folder -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'refuses an unknown setting name with SettingNameUnknown listing the accepted names' {
            Set-ExampleConfiguration -Setting @{ batch_size = 50 } | Out-Null
            $before = Get-ConfigurationSnapshot
            Start-Sleep -Milliseconds 20

            Set-PluginConfiguration -Name example -Setting @{ batch_size = 60; batchsize = 70 } `
                -ErrorVariable failures -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SettingNameUnknown,*'
            $failures[0].TargetObject | Should -Be 'batchsize'
            $failures[0].Exception.Message | Should -BeLike "*'batchsize'*"
            $failures[0].Exception.Message | Should -BeLike '*batch_size*'
            Get-ConfigurationSnapshot | Should -Be $before
        }

        It 'refuses a setting without a name with SettingNameInvalid' {
            Set-PluginConfiguration -Name example -Setting @{ '' = 5 } -ErrorVariable failures `
                -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SettingNameInvalid,*'
            Get-PluginConfiguration -Name example -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'stores a Path setting given on a PowerShell drive as a file system path' {
            $null = New-PSDrive -Name PluginSyncTest -PSProvider FileSystem -Root $TestStore.Work -Scope Global
            try {
                Set-PluginConfiguration -Name folder -Setting @{ Source = 'PluginSyncTest:\src' }
            }
            finally {
                Remove-PSDrive -Name PluginSyncTest -Scope Global
            }

            (Get-PluginConfiguration -Name folder).Settings['Source'] | Should -Be (Join-Path $TestStore.Work 'src')
        }

        It 'returns a setting to its default when it is given $null' {
            Set-ExampleConfiguration -Enabled -Setting @{ batch_size = 7 } | Out-Null

            Set-PluginConfiguration -Name example -Setting @{ batch_size = $null }

            (Get-PluginConfiguration -Name example).Settings['batch_size'] | Should -Be 100
            $result = Invoke-PluginSync -Name example
            $result.Success | Should -BeTrue
            $result.Data['BatchSize'] | Should -Be 100
        }

        It 'stores the relative Path setting <Relative> as an absolute path under the current location' -ForEach @(
            @{ Relative = '.\src' }
            @{ Relative = './src' }
        ) {
            $location = New-Item -ItemType Directory -Path (Join-Path $TestStore.Work 'here') -Force
            # The process's own directory differs from PowerShell's location, so resolving against it would show.
            [Environment]::CurrentDirectory = $TestStore.Root
            Push-Location -LiteralPath $location.FullName
            try {
                Set-PluginConfiguration -Name folder -Setting @{ Source = $Relative }
            }
            finally {
                Pop-Location
            }

            $stored = (Get-PluginConfiguration -Name folder).Settings['Source']
            [IO.Path]::IsPathRooted($stored) | Should -BeTrue
            $stored | Should -Be (Join-Path $location.FullName 'src')
        }

        It 'refuses an empty Path setting with SettingValueInvalid' {
            Set-PluginConfiguration -Name folder -Setting @{ Source = '' } -ErrorVariable failures `
                -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SettingValueInvalid,*'
            Get-PluginConfiguration -Name folder -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
    }

    Context 'credentials' {
        It 'accepts a credential value as a string with -Secret' {
            Set-PluginConfiguration -Name example -Secret @{ api_key = 'plain-text-key' } -Enabled

            (Get-PluginConfiguration -Name example).CredentialKeys | Should -Be @('api_key')
            (Invoke-PluginSync -Name example).Success | Should -BeTrue
        }

        It 'accepts a credential value as a SecureString with -Secret' {
            $secure = ConvertTo-SecureString 'secure-key' -AsPlainText -Force

            Set-PluginConfiguration -Name example -Secret @{ api_key = $secure } -Enabled

            (Get-PluginConfiguration -Name example).CredentialKeys | Should -Be @('api_key')
            (Invoke-PluginSync -Name example).Success | Should -BeTrue
        }

        It 'sets the api_key credential from a PSCredential given to -Credential' {
            $password = ConvertTo-SecureString 'v-value' -AsPlainText -Force
            $credential = New-Object System.Management.Automation.PSCredential('api_key', $password)

            Set-PluginConfiguration -Name example -Credential $credential -Enabled

            (Get-PluginConfiguration -Name example).CredentialKeys | Should -Be @('api_key')
            (Invoke-PluginSync -Name example).Success | Should -BeTrue
        }

        It 'removes a credential when it is given $null' {
            Set-ExampleConfiguration -Enabled | Out-Null

            Set-PluginConfiguration -Name example -Secret @{ api_key = $null }

            @((Get-PluginConfiguration -Name example).CredentialKeys).Count | Should -Be 0
            $result = Invoke-PluginSync -Name example -ErrorAction SilentlyContinue
            "$($result.ErrorType)" | Should -Be 'NotConfigured'
        }

        It 'refuses an empty credential value with CredentialValueEmpty' -ForEach @(
            @{ Kind = 'string'; Value = '' }
            @{ Kind = 'SecureString'; Value = (New-Object System.Security.SecureString) }
        ) {
            Set-ExampleConfiguration | Out-Null
            $before = Get-ConfigurationSnapshot

            Set-PluginConfiguration -Name example -Secret @{ api_key = $Value } -ErrorVariable failures `
                -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'CredentialValueEmpty,*'
            Get-ConfigurationSnapshot | Should -Be $before
        }

        It 'refuses an unknown credential key with CredentialNameUnknown and leaves the store as it was' {
            Set-ExampleConfiguration | Out-Null
            $before = Get-ConfigurationSnapshot
            Start-Sleep -Milliseconds 20

            Set-PluginConfiguration -Name example -Secret @{ apikey = 'x' } -ErrorVariable failures `
                -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'CredentialNameUnknown,*'
            $failures[0].Exception.Message | Should -BeLike "*'apikey'*"
            $failures[0].Exception.Message | Should -BeLike '*api_key*'
            Get-ConfigurationSnapshot | Should -Be $before
        }

        It 'refuses a credential given as a number with CredentialValueInvalid without echoing the value' {
            Set-ExampleConfiguration | Out-Null
            $before = Get-ConfigurationSnapshot
            Start-Sleep -Milliseconds 20

            Set-PluginConfiguration -Name example -Secret @{ api_key = 73519246 } -ErrorVariable failures `
                -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'CredentialValueInvalid,*'
            $failures[0].Exception.Message | Should -BeLike '*api_key*'
            ($failures[0] | Out-String) | Should -Not -BeLike '*73519246*'
            "$($failures[0].TargetObject)" | Should -Not -BeLike '*73519246*'
            Get-ConfigurationSnapshot | Should -Be $before
        }
    }

    Context 'bad names' {
        It 'refuses the plugin name <Shown> with a message that quotes it and the naming rule' -ForEach @(
            @{ Name = ''; Shown = "''" }
            @{ Name = 'bad name'; Shown = "'bad name'" }
            @{ Name = '-x'; Shown = "'-x'" }
        ) {
            Set-ExampleConfiguration | Out-Null
            $before = Get-ConfigurationSnapshot

            $thrown = { Set-PluginConfiguration -Name $Name -Enabled } | Should -Throw -PassThru

            $thrown.Exception.Message | Should -Match ([regex]::Escape("The plugin name $Shown"))
            $thrown.Exception.Message | Should -Match ([regex]::Escape($PluginNameRule))
            Get-ConfigurationSnapshot | Should -Be $before
        }

        It 'refuses an unknown plugin with SyncPluginNotFound and creates no configuration' {
            Set-ExampleConfiguration | Out-Null
            $before = Get-ConfigurationSnapshot

            Set-PluginConfiguration -Name nosuch -Enabled -ErrorVariable failures -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'SyncPluginNotFound,*'
            "$($failures[0].CategoryInfo.Category)" | Should -Be 'ObjectNotFound'
            $failures[0].Exception.Message | Should -BeLike "*'nosuch'*"
            Get-ConfigurationSnapshot | Should -Be $before
        }
    }

    Context 'WhatIf and PassThru' {
        It 'writes nothing for a new configuration with -WhatIf' {
            Set-PluginConfiguration -Name example -Secret @{ api_key = 'k-value' } -Enabled -WhatIf

            Get-PluginConfiguration -Name example -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'creates no store folder or file with -WhatIf when there is no store yet' {
            Set-PluginConfiguration -Name example -Enabled -WhatIf

            Test-Path -LiteralPath $env:PLUGINSYNC_HOME | Should -BeFalse
        }

        It 'changes nothing in an existing configuration with -WhatIf' {
            Set-ExampleConfiguration -Setting @{ batch_size = 50 } | Out-Null
            $before = Get-ConfigurationSnapshot
            Start-Sleep -Milliseconds 20

            Set-PluginConfiguration -Name example -Setting @{ batch_size = 60 } -Enabled -WhatIf

            Get-ConfigurationSnapshot | Should -Be $before
        }

        It 'returns nothing without -PassThru' {
            $output = Set-PluginConfiguration -Name folder

            $output | Should -BeNullOrEmpty
        }

        It 'returns the saved configuration with -PassThru' {
            $output = @(Set-PluginConfiguration -Name example -Setting @{ batch_size = 9 } -Enabled -PassThru)

            $output.Count | Should -Be 1
            $output[0] | Should -BeOfType 'PluginSync.Engine.Configuration.PluginConfiguration'
            $output[0].Name | Should -Be 'example'
            $output[0].Enabled | Should -BeTrue
            $output[0].Settings['batch_size'] | Should -Be 9
        }

        It 'moves Modified forward and keeps Created on an update' {
            Set-ExampleConfiguration | Out-Null
            $first = Get-PluginConfiguration -Name example
            Start-Sleep -Milliseconds 20

            Set-PluginConfiguration -Name example -Setting @{ batch_size = 3 }

            $second = Get-PluginConfiguration -Name example

            $second.Created | Should -Be $first.Created
            $second.Modified | Should -BeGreaterThan $first.Modified
        }
    }
}
