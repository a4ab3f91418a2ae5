# Checks that every exported cmdlet has real help, and that tools/Build-Help.ps1 refuses help that does not
# match the cmdlets. Run after ./build.ps1 Build, which builds the module and its help.

BeforeDiscovery {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'PluginSync.psd1') -Force
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters

    $cmdlets = foreach ($name in ((Get-Module PluginSync).ExportedCmdlets.Keys | Sort-Object)) {
        $parameters = (Get-Command -Name $name -Module PluginSync).Parameters.Keys |
            Where-Object { $common -notcontains $_ } | Sort-Object
        @{ Name = $name; Parameters = @($parameters) }
    }
}

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $helpFolder = Join-Path $root 'docs/help'
    $buildHelp = Join-Path $root 'tools/Build-Help.ps1'
    Import-Module (Join-Path $root 'PluginSync.psd1') -Force

    function Get-HelpText($Paragraphs) {
        (@($Paragraphs) | ForEach-Object { $_.Text }) -join "`n"
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
    }

    It 'shows a synopsis written for it, not the generated syntax' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -Match "^$([regex]::Escape($Name))\b"
    }

    It 'shows a description' {
        Get-HelpText $help.description | Should -Not -BeNullOrEmpty
    }

    It 'shows at least one example, each with code and an explanation' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because $example.title
            Get-HelpText $example.remarks | Should -Not -BeNullOrEmpty -Because $example.title
        }
    }

    It 'describes the parameter -<_>' -ForEach $Parameters {
        $parameterName = $_
        $parameter = @($help.parameters.parameter) | Where-Object { $_.name -eq $parameterName }
        $parameter | Should -Not -BeNullOrEmpty -Because "Get-Help $Name -Parameter $parameterName finds it"
        Get-HelpText $parameter.description | Should -Not -BeNullOrEmpty
    }

    It 'describes no parameter the cmdlet lacks' {
        $documented = @($help.parameters.parameter | ForEach-Object { $_.name })
        $documented | Where-Object { $Parameters -notcontains $_ } | Should -BeNullOrEmpty
    }
}

Describe 'The markdown help folder' {
    BeforeAll {
        $exported = @((Get-Module PluginSync).ExportedCmdlets.Keys)
        $written = @(Get-ChildItem -Path $helpFolder -Filter '*.md' -File | ForEach-Object { $_.BaseName })
    }

    It 'has a file for every exported cmdlet' {
        $exported | Where-Object { $written -notcontains $_ } | Should -BeNullOrEmpty
    }

    It 'has no file for a cmdlet the module does not export' {
        $written | Where-Object { $exported -notcontains $_ } | Should -BeNullOrEmpty
    }
}

Describe 'tools/Build-Help.ps1' {
    BeforeAll {
        function Invoke-BuildHelp([string] $Source, [string] $Destination) {
            $problems = @()
            $failure = $null
            try {
                & $buildHelp -Source $Source -Destination $Destination -ErrorVariable problems 2>$null
            }
            catch {
                $failure = $_
            }

            [pscustomobject]@{
                Failure  = $failure
                Problems = @($problems | Where-Object { $_ -ne $failure } | ForEach-Object { "$_" })
            }
        }

        function Edit-Markdown([string] $Path, [string] $Find, [string] $Replace) {
            $text = Get-Content -LiteralPath $Path -Raw
            if (-not $text.Contains($Find)) { throw "'$Find' is not in '$Path'; the test needs updating." }
            Set-Content -LiteralPath $Path -Value $text.Replace($Find, $Replace) -NoNewline
        }

        $good = Join-Path $TestDrive 'good'
        Copy-Item -Path $helpFolder -Destination $good -Recurse
        $goodBuild = Invoke-BuildHelp $good (Join-Path $TestDrive 'good-out')

        # One copy of the help with several defects, each in its own place, so one run shows every message.
        $bad = Join-Path $TestDrive 'bad'
        Copy-Item -Path $helpFolder -Destination $bad -Recurse
        $invoke = Join-Path $bad 'Invoke-PluginSync.md'
        Edit-Markdown $invoke '## INPUTS' @'
### -Parallel

Runs the plugins side by side.

- Type: Int32

## INPUTS
'@
        Edit-Markdown $invoke '- Aliases: PluginName' '- Aliases: none'
        $history = Join-Path $bad 'Get-SyncHistory.md'
        $text = Get-Content -LiteralPath $history -Raw
        $start = $text.IndexOf('### -Last')
        $end = $text.IndexOf('### -Id')
        Set-Content -LiteralPath $history -Value ($text.Remove($start, $end - $start)) -NoNewline
        Edit-Markdown (Join-Path $bad 'Get-SyncPlugin.md') @'
The names of the plugins to list. Wildcards (`*` and `?`) are accepted, and names are compared without
regard to case. When you omit it, every plugin is listed.

A name without wildcards that matches no plugin writes a non-terminating error (`SyncPluginNotFound`); a
pattern that matches nothing does not. A plugin name is 1 to 64 letters, digits, `-`, `_` or `.`, starting
with a letter or digit; any other value is refused before the command runs.
'@ ''
        Set-Content -LiteralPath (Join-Path $bad 'Get-SyncThing.md') -Value "# Get-SyncThing`n"
        $badOut = Join-Path $TestDrive 'bad-out'
        $badBuild = Invoke-BuildHelp $bad $badOut
    }

    It 'compiles the help of every cmdlet into one MAML file' {
        $goodBuild.Failure | Should -BeNullOrEmpty
        $file = Join-Path $TestDrive 'good-out/PluginSync.dll-Help.xml'
        $file | Should -Exist
        $xml = [xml](Get-Content -LiteralPath $file -Raw)
        $names = @($xml.helpItems.command | ForEach-Object { $_.details.name }) | Sort-Object
        $names | Should -Be @((Get-Module PluginSync).ExportedCmdlets.Keys | Sort-Object)
    }

    It 'takes the syntax from the cmdlet, one syntax item per parameter set' {
        $xml = [xml](Get-Content -LiteralPath (Join-Path $TestDrive 'good-out/PluginSync.dll-Help.xml') -Raw)
        $invokeHelp = $xml.helpItems.command | Where-Object { $_.details.name -eq 'Invoke-PluginSync' }
        @($invokeHelp.syntax.syntaxItem).Count | Should -Be 2
        $name = $invokeHelp.parameters.parameter | Where-Object { $_.name -eq 'Name' }
        $name.pipelineInput | Should -Be 'True (ByValue, ByPropertyName)'
        $name.aliases | Should -Be 'PluginName'
    }

    It 'fails and writes no help file when the markdown does not match the cmdlets' {
        $badBuild.Failure | Should -Not -BeNullOrEmpty
        Join-Path $badOut 'PluginSync.dll-Help.xml' | Should -Not -Exist
    }

    It 'names a parameter described in markdown that the cmdlet lacks' {
        $badBuild.Problems | Should -Contain ('Invoke-PluginSync.md: -Parallel is described, but it is ' +
            'not a parameter of Invoke-PluginSync.')
    }

    It 'names a parameter of the cmdlet that the markdown does not describe' {
        $badBuild.Problems | Should -Contain ("Get-SyncHistory.md: Get-SyncHistory has the parameter -Last, " +
            "which is not described (add a '### -Last' section).")
    }

    It 'names a parameter whose section has no description' {
        $badBuild.Problems | Should -Contain 'Get-SyncPlugin.md: the parameter -Name has no description.'
    }

    It 'names a fact line that the code contradicts, quoting the right one' {
        $badBuild.Problems | Should -Contain ("Invoke-PluginSync.md: -Name says '- Aliases: none', " +
            "the cmdlet has '- Aliases: PluginName'.")
    }

    It 'names a markdown file for a cmdlet the module does not export' {
        $badBuild.Problems |
            Should -Contain "Get-SyncThing.md: the module exports no cmdlet named 'Get-SyncThing'."
    }
}
