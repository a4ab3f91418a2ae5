BeforeDiscovery {
    $StoreCommands = @(
        @{ Command = 'Get-PluginConfiguration'; Arguments = @{} }
        @{ Command = 'Set-PluginConfiguration'; Arguments = @{ Name = 'folder' } }
        @{ Command = 'Invoke-PluginSync'; Arguments = @{ Name = 'example' } }
        @{ Command = 'Get-SyncHistory'; Arguments = @{} }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function New-Garbage {
        <# Bytes that are not a LiteDB file: a short text, or random bytes from a fixed seed. #>
        param([string] $Kind)

        if ($Kind -eq 'text') {
            return , [Text.Encoding]::ASCII.GetBytes('This is not a PluginSync store.')
        }

        $length = [int]$Kind
        $bytes = New-Object byte[] $length
        (New-Object Random 20240611).NextBytes($bytes)
        , $bytes
    }

    function Get-Sha256 {
        param([string] $Path)
        (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash
    }
}

Describe 'The store' {
    BeforeEach {
        $TestStore = Enter-TestStore
    }

    AfterEach {
        Exit-TestStore $TestStore
    }

    Context 'a folder that cannot be created' {
        BeforeEach {
            # A regular file stands where a parent folder should be. Tests run as root, so permissions alone
            # would not stop the module from creating the folder.
            $blocker = Join-Path $TestStore.Work 'a-file'
            Set-Content -LiteralPath $blocker -Value 'not a folder'
            $folder = Join-Path $blocker 'store'
            $env:PLUGINSYNC_HOME = $folder
        }

        It '<Command> stops with StoreFolderNotWritable naming the folder' -ForEach $StoreCommands {
            $thrown = { & $Command @Arguments } | Should -Throw -ErrorId 'StoreFolderNotWritable,*' -PassThru

            "$($thrown.CategoryInfo.Category)" | Should -Be 'ResourceUnavailable'
            $thrown.TargetObject | Should -Be $folder
            $thrown.Exception.Message | Should -BeLike "*'$([WildcardPattern]::Escape($folder))'*"
            $thrown.Exception.Message | Should -BeLike '*PLUGINSYNC_HOME*'
            Test-Path -LiteralPath $folder | Should -BeFalse
        }
    }

    Context 'a damaged store file' {
        BeforeEach {
            New-Item -ItemType Directory -Path $env:PLUGINSYNC_HOME -Force | Out-Null
            $file = Get-StoreFilePath
        }

        It 'reports <Description> as StoreFileCorrupt naming the path, and leaves the file unchanged' -ForEach @(
            @{ Kind = 'text'; Description = 'a short text' }
            @{ Kind = '8192'; Description = 'one page of random bytes' }
            @{ Kind = '10000'; Description = 'random bytes that are not whole pages' }
        ) {
            [IO.File]::WriteAllBytes($file, (New-Garbage $Kind))
            $before = Get-Sha256 $file

            $thrown = $null
            try {
                Get-PluginConfiguration | Out-Null
            }
            catch {
                $thrown = $_
            }

            Get-Sha256 $file | Should -Be $before -Because 'a damaged store file is never written to'
            $thrown | Should -Not -BeNullOrEmpty -Because 'a damaged store file stops the command'
            $thrown.FullyQualifiedErrorId | Should -BeLike 'StoreFileCorrupt,*'
            "$($thrown.CategoryInfo.Category)" | Should -Be 'InvalidData'
            $thrown.TargetObject | Should -Be $file
            $thrown.Exception.Message | Should -BeLike "*'$([WildcardPattern]::Escape($file))'*"
        }

        It 'refuses a change to a damaged store and leaves the file unchanged' {
            [IO.File]::WriteAllBytes($file, (New-Garbage '8192'))
            $before = Get-Sha256 $file

            { Set-PluginConfiguration -Name folder -Enabled } | Should -Throw -ErrorId 'StoreFileCorrupt,*'

            Get-Sha256 $file | Should -Be $before
        }

        It 'refuses an empty store file, which may be a store that lost its content, and leaves it' {
            [IO.File]::WriteAllBytes($file, (New-Object byte[] 0))

            { Set-PluginConfiguration -Name folder -ErrorAction Stop } | Should -Throw -ErrorId 'StoreFileCorrupt,*'

            (Get-Item $file).Length | Should -Be 0
        }
    }

    Context 'a damaged key file' {
        It 'refuses to store a credential with MasterKeyFileCorrupt and leaves the key file unchanged' {
            Set-PluginConfiguration -Name folder
            $keyFile = Join-Path $env:PLUGINSYNC_HOME 'master.key'
            Set-Content -LiteralPath $keyFile -Value 'not a key' -NoNewline
            $before = Get-Sha256 $keyFile
            $configurations = Get-ConfigurationSnapshot

            Set-PluginConfiguration -Name example -Secret @{ api_key = 'k-value' } -ErrorVariable failures `
                -ErrorAction SilentlyContinue

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'MasterKeyFileCorrupt,*'
            $failures[0].Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($keyFile))*"
            Get-Sha256 $keyFile | Should -Be $before
            Get-ConfigurationSnapshot | Should -Be $configurations
        }
    }

    Context 'where the store is' {
        It 'resolves a relative PLUGINSYNC_HOME against the current PowerShell location' {
            $location = New-Item -ItemType Directory -Path (Join-Path $TestStore.Work 'location') -Force
            $processDirectory = New-Item -ItemType Directory -Path (Join-Path $TestStore.Work 'process') -Force
            # The process's own directory differs from PowerShell's location, so resolving against it would show.
            [Environment]::CurrentDirectory = $processDirectory.FullName
            $env:PLUGINSYNC_HOME = 'relative-store'
            Push-Location -LiteralPath $location.FullName
            try {
                Set-PluginConfiguration -Name folder
            }
            finally {
                Pop-Location
            }

            Test-Path -LiteralPath (Join-Path (Join-Path $location.FullName 'relative-store') 'pluginsync.db') |
                Should -BeTrue
            Test-Path -LiteralPath (Join-Path $processDirectory.FullName 'relative-store') | Should -BeFalse
        }

        It 'creates the store folder and file on first use' {
            Test-Path -LiteralPath $env:PLUGINSYNC_HOME | Should -BeFalse

            Set-PluginConfiguration -Name folder

            Test-Path -LiteralPath (Get-StoreFilePath) | Should -BeTrue
        }

        It 'works while another connection holds the store open in shared mode' {
            Set-PluginConfiguration -Name folder
            $database = [LiteDB.LiteDatabase]::new("Filename=$(Get-StoreFilePath);Connection=Shared")
            try {
                $database.GetCollection('configurations').Count() | Should -Be 1

                Set-PluginConfiguration -Name example -Secret @{ api_key = 'k-value' } -Enabled
                $result = Invoke-PluginSync -Name example

                $result.Success | Should -BeTrue
                $database.GetCollection('configurations').Count() | Should -Be 2
            }
            finally {
                $database.Dispose()
            }
        }
    }
}
