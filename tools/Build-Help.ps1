<#
.SYNOPSIS
    Compiles the cmdlet help written in markdown into the MAML file that Get-Help reads.
.DESCRIPTION
    Reads one markdown file per cmdlet from -Source (the format is described in docs/help-format.md) and
    writes <Destination>/<assembly>.dll-Help.xml, for example PluginSync.dll-Help.xml.

    The text comes from the markdown. Everything the code knows comes from the code: the syntax of each
    parameter set and each parameter's type, position, pipeline input, aliases and wildcard support are read
    from the built cmdlets, which a child PowerShell process imports from the PluginSync.psd1 beside this
    folder (so this session never loads, nor locks, the module's assembly).

    The script fails, naming what is wrong, when the markdown and the cmdlets disagree: a markdown file for a
    cmdlet the module does not export, a cmdlet without a markdown file, a parameter described in markdown
    that the cmdlet lacks, a parameter of the cmdlet that the markdown does not describe, a fact line
    ("- Type: String[]") that the code contradicts, or OUTPUTS that differ from the cmdlet's [OutputType].
.PARAMETER Source
    The folder of markdown files, one per cmdlet, each named after its cmdlet (Invoke-PluginSync.md).
.PARAMETER Destination
    The folder to write the MAML file into. It is created when missing.
.EXAMPLE
    ./tools/Build-Help.ps1 -Source docs/help -Destination en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string] $Source,

    [Parameter(Mandatory = $true)]
    [string] $Destination
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$MamlNamespace = 'http://schemas.microsoft.com/maml/2004/10'
$CommandNamespace = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$DevNamespace = 'http://schemas.microsoft.com/maml/dev/2004/10'
$FactNames = @('Type', 'Required', 'Position', 'Pipeline input', 'Parameter sets', 'Wildcards', 'Aliases')
$RequiredSections = @('SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS')
$OptionalSections = @('NOTES', 'RELATED LINKS')

# Runs in the child process: imports the module and returns what the help needs to know about each cmdlet.
$ReadCmdletMetadata = {
    param([string] $Manifest, [string] $OutFile)

    $ErrorActionPreference = 'Stop'
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters

    function Get-TypeName([type] $Type, [switch] $Full) {
        $element = $Type
        $suffix = ''
        if ($Type.IsArray) {
            $element = $Type.GetElementType()
            $suffix = '[]'
        }

        $underlying = [Nullable]::GetUnderlyingType($element)
        if ($underlying) { $element = $underlying }
        if ($Full) { return $element.FullName + $suffix }
        $element.Name + $suffix
    }

    function Get-DefaultText($Instance, [string] $Name, [bool] $IsSwitch) {
        # WhatIf and Confirm are switches that the cmdlet class does not declare.
        $property = if ($Instance) { $Instance.GetType().GetProperty($Name) } else { $null }
        if (-not $property) { if ($IsSwitch) { return 'False' } else { return 'None' } }
        $value = $property.GetValue($Instance)
        if ($value -is [System.Management.Automation.SwitchParameter]) { return [string]$value.IsPresent }
        $items = @($value | Where-Object { $null -ne $_ -and "$_" -ne '' })
        if ($items.Count -eq 0) { return 'None' }
        ($items | ForEach-Object { "$_" }) -join ', '
    }

    function ConvertTo-SetEntry([System.Management.Automation.CommandParameterInfo] $Parameter) {
        [pscustomobject]@{
            Name           = $Parameter.Name
            Mandatory      = $Parameter.IsMandatory
            Position       = $Parameter.Position
            ByValue        = $Parameter.ValueFromPipeline
            ByPropertyName = $Parameter.ValueFromPipelineByPropertyName
        }
    }

    function ConvertTo-ParameterEntry([System.Management.Automation.ParameterMetadata] $Metadata, $Instance) {
        $type = $Metadata.ParameterType
        $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
        $underlying = [Nullable]::GetUnderlyingType($element)
        if ($underlying) { $element = $underlying }

        $values = @()
        if ($element.IsEnum) { $values = [Enum]::GetNames($element) }
        $validateSet = @($Metadata.Attributes | Where-Object { $_ -is [ValidateSet] })
        if ($validateSet.Count -gt 0) { $values = @($validateSet[0].ValidValues) }

        # The module marks wildcard parameters with its own validation attribute (AllowWildcards = true).
        $wildcards = @($Metadata.Attributes | Where-Object {
                $_ -is [SupportsWildcards] -or
                ($_.PSObject.Properties['AllowWildcards'] -and $_.AllowWildcards)
            }).Count -gt 0

        [pscustomobject]@{
            Name      = $Metadata.Name
            Type      = Get-TypeName $type
            FullType  = Get-TypeName $type -Full
            IsSwitch  = $type -eq [switch]
            IsArray   = $type.IsArray
            Values    = @($values)
            Wildcards = $wildcards
            Aliases   = @($Metadata.Aliases)
            Default   = Get-DefaultText $Instance $Metadata.Name ($type -eq [switch])
        }
    }

    $module = Import-Module $Manifest -Force -PassThru
    $result = foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
        $info = Get-Command -Name $name -Module $module.Name -CommandType Cmdlet
        $instance = $null
        try { $instance = [Activator]::CreateInstance($info.ImplementingType) } catch { $instance = $null }

        $sets = @($info.ParameterSets | Sort-Object { -not $_.IsDefault } | ForEach-Object {
                [pscustomobject]@{
                    Name       = $_.Name
                    IsDefault  = $_.IsDefault
                    Parameters = @($_.Parameters | Where-Object { $common -notcontains $_.Name } |
                            ForEach-Object { ConvertTo-SetEntry $_ })
                }
            })

        $names = @($sets | ForEach-Object { $_.Parameters } | ForEach-Object { $_.Name } |
                Select-Object -Unique)
        $parameters = @($names | ForEach-Object { ConvertTo-ParameterEntry $info.Parameters[$_] $instance })

        if ($instance -is [IDisposable]) { $instance.Dispose() }
        [pscustomobject]@{
            Name        = $info.Name
            Verb        = $info.Verb
            Noun        = $info.Noun
            HelpFile    = $info.HelpFile
            Sets        = $sets
            Parameters  = $parameters
            OutputTypes = @($info.OutputType | ForEach-Object { $_.Name })
        }
    }

    $result | Export-Clixml -Path $OutFile -Depth 8
}

function Get-ChildPowerShell {
    # The PowerShell running this script, as a command line. The local .NET tool runs as "dotnet pwsh.dll".
    $path = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet') {
        return @($path, [IO.Path]::Combine($PSHOME, 'pwsh.dll'))
    }

    @($path)
}

function Get-CmdletMetadata([string] $Manifest) {
    if (-not (Test-Path -LiteralPath $Manifest)) { throw "The module manifest '$Manifest' does not exist." }

    $outFile = [IO.Path]::GetTempFileName()
    try {
        $quote = { param($text) "'" + ($text -replace "'", "''") + "'" }
        $call = "& { $ReadCmdletMetadata } -Manifest $(& $quote $Manifest) -OutFile $(& $quote $outFile)"
        $script = "try { $call } catch { [Console]::Error.WriteLine(`$_.Exception.Message); exit 1 }"
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        $command = @(Get-ChildPowerShell)
        $arguments = @($command | Select-Object -Skip 1) +
            @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)

        # Native stderr must not stop this script before the exit code is read.
        $ErrorActionPreference = 'Continue'
        $output = & $command[0] @arguments 2>&1 | ForEach-Object { "$_" }
        $exitCode = $LASTEXITCODE
        $ErrorActionPreference = 'Stop'
        if ($exitCode -ne 0) {
            $text = $output -join [Environment]::NewLine
            throw "Could not read the cmdlets of '$Manifest' (is the module built?): $text"
        }

        @(Import-Clixml -Path $outFile)
    }
    finally {
        Remove-Item -LiteralPath $outFile -Force -ErrorAction SilentlyContinue
    }
}

function ConvertTo-PlainText([string] $Text) {
    # Get-Help shows plain text: links keep their text, code spans and bold lose their markers.
    $Text = $Text -replace '\[([^\]]+)\]\([^)]*\)', '$1'
    $Text = $Text -replace '`([^`]+)`', '$1'
    $Text -replace '\*\*([^*]+)\*\*', '$1'
}

function ConvertFrom-MarkdownBlock([string[]] $Lines) {
    # Blank lines separate blocks. A block is a paragraph, a list ("- item") or a fenced code block.
    $blocks = New-Object System.Collections.Generic.List[object]
    $current = $null
    $fence = $null
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line.Trim() -eq '```') {
                $blocks.Add([pscustomobject]@{ Kind = 'Code'; Language = $fence; Lines = $current })
                $current = $null
                $fence = $null
            }
            else {
                $current.Add($line)
            }

            continue
        }

        if ($line -match '^\s*```(\w*)\s*$') {
            if ($current) { $blocks.Add($current) }
            $fence = $Matches[1]
            $current = New-Object System.Collections.Generic.List[string]
            continue
        }

        if ($line.Trim() -eq '') {
            if ($current) { $blocks.Add($current) }
            $current = $null
            continue
        }

        if ($line -match '^\s*[-*]\s+(.*)$') {
            if (-not $current -or $current.Kind -ne 'List') {
                if ($current) { $blocks.Add($current) }
                $items = New-Object System.Collections.Generic.List[string]
                $current = [pscustomobject]@{ Kind = 'List'; Items = $items }
            }

            $current.Items.Add($Matches[1].Trim())
            continue
        }

        if ($current -and $current.Kind -eq 'List' -and $line -match '^\s+\S') {
            $last = $current.Items.Count - 1
            $current.Items[$last] = $current.Items[$last] + ' ' + $line.Trim()
            continue
        }

        if (-not $current -or $current.Kind -ne 'Paragraph') {
            if ($current) { $blocks.Add($current) }
            $current = [pscustomobject]@{ Kind = 'Paragraph'; Text = $line.Trim() }
            continue
        }

        $current.Text = $current.Text + ' ' + $line.Trim()
    }

    if ($null -ne $fence) { throw 'a code block is not closed with ```' }
    if ($current) { $blocks.Add($current) }
    $blocks.ToArray()
}

function Get-BlockText($Block) {
    switch ($Block.Kind) {
        'Paragraph' { return ConvertTo-PlainText $Block.Text }
        'List' { return ($Block.Items | ForEach-Object { '- ' + (ConvertTo-PlainText $_) }) -join "`n" }
        'Code' { return ($Block.Lines | ForEach-Object { '    ' + $_ }) -join "`n" }
    }
}

function New-HeadingPart([string] $Title) {
    [pscustomobject]@{ Title = $Title; Lines = New-Object System.Collections.Generic.List[string] }
}

function Split-MarkdownHeading([string[]] $Lines, [string] $Marker) {
    # Splits lines at headings that start with $Marker ("## "), leaving fenced code alone.
    $parts = New-Object System.Collections.Generic.List[object]
    $current = New-HeadingPart $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($Marker)) {
            $parts.Add($current)
            $title = $line.Substring($Marker.Length).Trim()
            $current = New-HeadingPart $title
            continue
        }

        $current.Lines.Add($line)
    }

    $parts.Add($current)
    $parts.ToArray()
}

function Read-HelpMarkdown([string] $Path, $Problems) {
    $file = Split-Path -Leaf $Path
    $lines = [IO.File]::ReadAllLines($Path, [Text.Encoding]::UTF8)
    $top = Split-MarkdownHeading $lines '# '
    $named = @($top | Where-Object { $_.Title })
    $expected = [IO.Path]::GetFileNameWithoutExtension($Path)
    if ($named.Count -ne 1 -or $named[0].Title -ne $expected) {
        $Problems.Add("${file}: it must start with the one heading '# $expected'.")
        return $null
    }

    $help = [pscustomobject]@{
        File = $file; Name = $expected; Synopsis = ''; Description = @(); Examples = @(); Parameters = @()
        Inputs = @(); Outputs = @(); Notes = @(); Links = @()
    }

    $sections = @{}
    foreach ($section in (Split-MarkdownHeading $named[0].Lines.ToArray() '## ')) {
        if (-not $section.Title) {
            if (@($section.Lines | Where-Object { $_.Trim() }).Count -gt 0) {
                $Problems.Add("${file}: text between '# $expected' and the first '## ' section is not used.")
            }

            continue
        }

        if ($RequiredSections + $OptionalSections -notcontains $section.Title) {
            $known = ($RequiredSections + $OptionalSections) -join ', '
            $Problems.Add("${file}: '## $($section.Title)' is not a help section. Known sections: $known.")
            continue
        }

        if ($sections.ContainsKey($section.Title)) {
            $Problems.Add("${file}: '## $($section.Title)' appears twice.")
            continue
        }

        $sections[$section.Title] = $section.Lines.ToArray()
    }

    $missing = @($RequiredSections | Where-Object { -not $sections.ContainsKey($_) })
    foreach ($title in $missing) { $Problems.Add("${file}: the section '## $title' is missing.") }
    if ($missing.Count -gt 0) { return $null }

    try {
        $help.Synopsis = Read-Synopsis $sections['SYNOPSIS']
        $help.Description = @(Read-Text $sections['DESCRIPTION'])
        $help.Examples = @(Read-Example $sections['EXAMPLES'])
        $help.Parameters = @(Read-Parameter $sections['PARAMETERS'])
        $help.Inputs = @(Read-TypeSection $sections['INPUTS'] 'INPUTS')
        $help.Outputs = @(Read-TypeSection $sections['OUTPUTS'] 'OUTPUTS')
        if ($sections.ContainsKey('NOTES')) { $help.Notes = @(Read-Text $sections['NOTES']) }
        if ($sections.ContainsKey('RELATED LINKS')) { $help.Links = @(Read-Link $sections['RELATED LINKS']) }
    }
    catch {
        $Problems.Add("${file}: $($_.Exception.Message)")
        return $null
    }

    $help
}

function Read-Synopsis([string[]] $Lines) {
    $blocks = @(ConvertFrom-MarkdownBlock $Lines)
    if ($blocks.Count -ne 1 -or $blocks[0].Kind -ne 'Paragraph') {
        throw 'the SYNOPSIS must be one paragraph.'
    }

    ConvertTo-PlainText $blocks[0].Text
}

function Read-Text([string[]] $Lines) {
    foreach ($block in (ConvertFrom-MarkdownBlock $Lines)) { Get-BlockText $block }
}

function Assert-NoLooseText($Part, [string] $Section) {
    if (@($Part.Lines | Where-Object { $_.Trim() }).Count -gt 0) {
        throw "the $Section section has text outside its '### ' headings."
    }
}

function Read-Example([string[]] $Lines) {
    $number = 0
    foreach ($part in (Split-MarkdownHeading $Lines '### ')) {
        if (-not $part.Title) {
            Assert-NoLooseText $part 'EXAMPLES'
            continue
        }

        $number++
        if ($part.Title -notmatch '^Example (\d+): (.+)$' -or [int]$Matches[1] -ne $number) {
            throw "the heading '### $($part.Title)' must read '### Example ${number}: <title>'."
        }

        $title = $Matches[2].Trim()
        $blocks = @(ConvertFrom-MarkdownBlock $part.Lines.ToArray())
        if ($blocks.Count -lt 2 -or $blocks[0].Kind -ne 'Code') {
            throw "Example $number must start with a fenced code block and then explain it."
        }

        [pscustomobject]@{
            Title   = "Example ${number}: $title"
            Code    = $blocks[0].Lines -join "`n"
            Remarks = @($blocks | Select-Object -Skip 1 | ForEach-Object { Get-BlockText $_ })
        }
    }

    if ($number -eq 0) { throw 'the EXAMPLES section has no example.' }
}

function Read-Parameter([string[]] $Lines) {
    $factPattern = '^(' + ($FactNames -join '|') + '):\s*(.*)$'
    foreach ($part in (Split-MarkdownHeading $Lines '### ')) {
        if (-not $part.Title) {
            Assert-NoLooseText $part 'PARAMETERS'
            continue
        }

        if ($part.Title -notmatch '^-(\w+)$') {
            throw "the heading '### $($part.Title)' must name one parameter, as '### -Name'."
        }

        $name = $Matches[1]
        $facts = [ordered]@{}
        $text = New-Object System.Collections.Generic.List[string]
        foreach ($block in (ConvertFrom-MarkdownBlock $part.Lines.ToArray())) {
            if ($block.Kind -ne 'List') {
                $text.Add((Get-BlockText $block))
                continue
            }

            $others = New-Object System.Collections.Generic.List[string]
            foreach ($item in $block.Items) {
                if ($item -match $factPattern) {
                    $facts[$Matches[1]] = $Matches[2].Trim()
                }
                else {
                    $others.Add($item)
                }
            }

            if ($others.Count -gt 0) {
                $text.Add((Get-BlockText ([pscustomobject]@{ Kind = 'List'; Items = $others })))
            }
        }

        [pscustomobject]@{ Name = $name; Text = $text.ToArray(); Facts = $facts }
    }
}

function Read-TypeSection([string[]] $Lines, [string] $Section) {
    $found = 0
    foreach ($part in (Split-MarkdownHeading $Lines '### ')) {
        if (-not $part.Title) {
            Assert-NoLooseText $part $Section
            continue
        }

        $found++
        [pscustomobject]@{ Type = $part.Title; Text = @(Read-Text $part.Lines.ToArray()) }
    }

    if ($found -eq 0) {
        throw "the $Section section needs at least one '### <type name>' heading (or '### None')."
    }
}

function Read-Link([string[]] $Lines) {
    foreach ($block in (ConvertFrom-MarkdownBlock $Lines)) {
        if ($block.Kind -ne 'List') { throw 'RELATED LINKS must be a list of links.' }
        foreach ($item in $block.Items) {
            if ($item -match '^\[([^\]]+)\]\(([^)]*)\)$') {
                [pscustomobject]@{ Text = $Matches[1]; Target = $Matches[2] }
            }
            else {
                [pscustomobject]@{ Text = (ConvertTo-PlainText $item); Target = '' }
            }
        }
    }
}

function Join-PerSet($Command, $Parameter, [scriptblock] $Describe) {
    # One value when every parameter set agrees, else "value (Set), value (OtherSet)".
    $entries = foreach ($set in $Command.Sets) {
        $inSet = @($set.Parameters | Where-Object { $_.Name -eq $Parameter.Name })
        if ($inSet.Count -gt 0) { [pscustomobject]@{ Set = $set.Name; Value = & $Describe $inSet[0] } }
    }

    $distinct = @($entries | ForEach-Object { $_.Value } | Select-Object -Unique)
    if ($distinct.Count -eq 1) { return $distinct[0] }
    ($entries | ForEach-Object { "$($_.Value) ($($_.Set))" }) -join ', '
}

function Get-PipelineText($Entry) {
    $ways = @()
    if ($Entry.ByValue) { $ways += 'by value' }
    if ($Entry.ByPropertyName) { $ways += 'by property name' }
    if ($ways.Count -eq 0) { return 'no' }
    $ways -join ', '
}

function Get-ParameterFact($Command, $Parameter) {
    $facts = [ordered]@{}
    $facts['Type'] = $Parameter.Type
    $facts['Required'] = Join-PerSet $Command $Parameter {
        param($e) if ($e.Mandatory) { 'yes' } else { 'no' }
    }
    $facts['Position'] = Join-PerSet $Command $Parameter {
        param($e) if ($e.Position -ge 0) { "$($e.Position)" } else { 'named' }
    }
    $facts['Pipeline input'] = Join-PerSet $Command $Parameter { param($e) Get-PipelineText $e }
    if (@($Command.Sets).Count -gt 1) {
        $sets = @($Command.Sets | Where-Object {
                @($_.Parameters | ForEach-Object { $_.Name }) -contains $Parameter.Name
            })
        $facts['Parameter sets'] = if ($sets.Count -eq @($Command.Sets).Count) { 'all' } else {
            ($sets | ForEach-Object { $_.Name }) -join ', '
        }
    }

    $facts['Wildcards'] = if ($Parameter.Wildcards) { 'yes' } else { 'no' }
    $facts['Aliases'] = if (@($Parameter.Aliases).Count) { @($Parameter.Aliases) -join ', ' } else { 'none' }
    $facts
}

function Test-HelpAgainstCmdlet($Help, $Command, $Problems) {
    $file = $Help.File
    $documented = @($Help.Parameters | ForEach-Object { $_.Name })
    foreach ($name in ($documented | Group-Object | Where-Object Count -GT 1 | ForEach-Object { $_.Name })) {
        $Problems.Add("${file}: the parameter -$name is described twice.")
    }

    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    foreach ($section in $Help.Parameters) {
        $parameter = @($Command.Parameters | Where-Object { $_.Name -eq $section.Name })
        if ($parameter.Count -eq 0) {
            $why = "not a parameter of $($Command.Name)"
            if ($common -contains $section.Name) { $why = 'a common parameter, which Get-Help describes' }
            $Problems.Add("${file}: -$($section.Name) is described, but it is $why.")
            continue
        }

        if (@($section.Text | Where-Object { $_ }).Count -eq 0) {
            $Problems.Add("${file}: the parameter -$($section.Name) has no description.")
        }

        Test-ParameterFact $file $section (Get-ParameterFact $Command $parameter[0]) $Problems
    }

    foreach ($parameter in $Command.Parameters) {
        if ($documented -notcontains $parameter.Name) {
            $name = $parameter.Name
            $Problems.Add("${file}: $($Command.Name) has the parameter -$name, which is not described" +
                " (add a '### -$name' section).")
        }
    }

    $declared = @($Command.OutputTypes | ForEach-Object { if ($_ -eq 'System.Void') { 'None' } else { $_ } })
    if ($declared.Count -eq 0) { $declared = @('None') }
    $written = @($Help.Outputs | ForEach-Object { $_.Type })
    $missing = @($declared | Where-Object { $written -notcontains $_ })
    $extra = @($written | Where-Object { $declared -notcontains $_ })
    if ($missing.Count -or $extra.Count) {
        $Problems.Add("${file}: OUTPUTS lists '$($written -join "', '")', but $($Command.Name) declares" +
            " [OutputType] '$($declared -join "', '")'.")
    }
}

function Test-ParameterFact([string] $File, $Section, $Expected, $Problems) {
    foreach ($key in $Expected.Keys) {
        $line = "- ${key}: $($Expected[$key])"
        if (-not $Section.Facts.Contains($key)) {
            $Problems.Add("${File}: -$($Section.Name) lacks the fact line '$line'.")
        }
        elseif ($Section.Facts[$key] -ne $Expected[$key]) {
            $written = "- ${key}: $($Section.Facts[$key])"
            $Problems.Add("${File}: -$($Section.Name) says '$written', the cmdlet has '$line'.")
        }
    }

    foreach ($key in $Section.Facts.Keys) {
        if (-not $Expected.Contains($key)) {
            $Problems.Add("${File}: -$($Section.Name) has the fact line '- ${key}', which does not apply.")
        }
    }
}

function Test-Link($Help, [string] $Folder, $Problems) {
    foreach ($link in $Help.Links) {
        if ($link.Target -and $link.Target -notmatch '^https?://' -and
            -not (Test-Path -LiteralPath ([IO.Path]::Combine($Folder, $link.Target)))) {
            $Problems.Add("$($Help.File): the related link '$($link.Target)' points to no file.")
        }
    }
}

function Write-Para($Writer, [string[]] $Paragraphs) {
    foreach ($text in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $MamlNamespace, $text) }
}

function Write-Description($Writer, [string[]] $Paragraphs) {
    $Writer.WriteStartElement('maml', 'description', $MamlNamespace)
    Write-Para $Writer $Paragraphs
    $Writer.WriteEndElement()
}

function Write-Type($Writer, [string] $Name) {
    $Writer.WriteStartElement('dev', 'type', $DevNamespace)
    $Writer.WriteElementString('maml', 'name', $MamlNamespace, $Name)
    $Writer.WriteEndElement()
}

function Get-ParameterAttribute($Parameter, $Entry) {
    $pipeline = 'False'
    if ($Entry.ByValue -or $Entry.ByPropertyName) {
        $ways = @()
        if ($Entry.ByValue) { $ways += 'ByValue' }
        if ($Entry.ByPropertyName) { $ways += 'ByPropertyName' }
        $pipeline = "True ($($ways -join ', '))"
    }

    [ordered]@{
        required       = ([string][bool]$Entry.Mandatory).ToLowerInvariant()
        variableLength = ([string][bool]$Parameter.IsArray).ToLowerInvariant()
        globbing       = ([string][bool]$Parameter.Wildcards).ToLowerInvariant()
        pipelineInput  = $pipeline
        position       = if ($Entry.Position -ge 0) { "$($Entry.Position)" } else { 'named' }
        aliases        = if (@($Parameter.Aliases).Count) { @($Parameter.Aliases) -join ', ' } else { 'none' }
    }
}

function Write-ParameterStart($Writer, $Parameter, $Entry) {
    $Writer.WriteStartElement('command', 'parameter', $CommandNamespace)
    $attributes = Get-ParameterAttribute $Parameter $Entry
    foreach ($key in $attributes.Keys) { $Writer.WriteAttributeString($key, $attributes[$key]) }
    $Writer.WriteElementString('maml', 'name', $MamlNamespace, $Parameter.Name)
}

function Write-ParameterValue($Writer, $Parameter, [switch] $WithValues) {
    if ($Parameter.IsSwitch) { return }
    if ($WithValues -and @($Parameter.Values).Count) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $CommandNamespace)
        foreach ($value in $Parameter.Values) {
            $Writer.WriteStartElement('command', 'parameterValue', $CommandNamespace)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }

        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('command', 'parameterValue', $CommandNamespace)
    $Writer.WriteAttributeString('required', 'true')
    $Writer.WriteAttributeString('variableLength', ([string][bool]$Parameter.IsArray).ToLowerInvariant())
    $Writer.WriteString($Parameter.Type)
    $Writer.WriteEndElement()
}

function Write-Syntax($Writer, $Command) {
    $Writer.WriteStartElement('command', 'syntax', $CommandNamespace)
    foreach ($set in $Command.Sets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $CommandNamespace)
        $Writer.WriteElementString('maml', 'name', $MamlNamespace, $Command.Name)
        $positional = @($set.Parameters | Where-Object { $_.Position -ge 0 } | Sort-Object Position)
        $named = @($set.Parameters | Where-Object { $_.Position -lt 0 })
        foreach ($entry in ($positional + $named)) {
            $parameter = $Command.Parameters | Where-Object { $_.Name -eq $entry.Name }
            Write-ParameterStart $Writer $parameter $entry
            Write-ParameterValue $Writer $parameter -WithValues
            Write-Type $Writer $parameter.FullType
            $Writer.WriteEndElement()
        }

        $Writer.WriteEndElement()
    }

    $Writer.WriteEndElement()
}

function Write-Parameter($Writer, $Help, $Command) {
    $Writer.WriteStartElement('command', 'parameters', $CommandNamespace)
    foreach ($section in $Help.Parameters) {
        $parameter = $Command.Parameters | Where-Object { $_.Name -eq $section.Name }
        $entries = @($Command.Sets | ForEach-Object { $_.Parameters } |
                Where-Object { $_.Name -eq $section.Name })
        # The parameter list shows one entry per parameter: required only when required in every set.
        $entry = [pscustomobject]@{
            Mandatory      = @($entries | Where-Object { -not $_.Mandatory }).Count -eq 0
            Position       = $entries[0].Position
            ByValue        = @($entries | Where-Object { $_.ByValue }).Count -gt 0
            ByPropertyName = @($entries | Where-Object { $_.ByPropertyName }).Count -gt 0
        }

        Write-ParameterStart $Writer $parameter $entry
        Write-Description $Writer $section.Text
        Write-ParameterValue $Writer $parameter
        Write-Type $Writer $parameter.FullType
        $Writer.WriteElementString('dev', 'defaultValue', $DevNamespace, $parameter.Default)
        $Writer.WriteEndElement()
    }

    $Writer.WriteEndElement()
}

function Write-TypeList($Writer, [string] $ListName, [string] $ItemName, $Items) {
    $Writer.WriteStartElement('command', $ListName, $CommandNamespace)
    foreach ($item in $Items) {
        $Writer.WriteStartElement('command', $ItemName, $CommandNamespace)
        Write-Type $Writer $item.Type
        Write-Description $Writer $item.Text
        $Writer.WriteEndElement()
    }

    $Writer.WriteEndElement()
}

function Write-Command($Writer, $Help, $Command) {
    $Writer.WriteStartElement('command', 'command', $CommandNamespace)

    $Writer.WriteStartElement('command', 'details', $CommandNamespace)
    $Writer.WriteElementString('command', 'name', $CommandNamespace, $Command.Name)
    Write-Description $Writer @($Help.Synopsis)
    $Writer.WriteElementString('command', 'verb', $CommandNamespace, $Command.Verb)
    $Writer.WriteElementString('command', 'noun', $CommandNamespace, $Command.Noun)
    $Writer.WriteEndElement()

    Write-Description $Writer $Help.Description
    Write-Syntax $Writer $Command
    Write-Parameter $Writer $Help $Command
    Write-TypeList $Writer 'inputTypes' 'inputType' $Help.Inputs
    Write-TypeList $Writer 'returnValues' 'returnValue' $Help.Outputs

    if (@($Help.Notes).Count) {
        $Writer.WriteStartElement('maml', 'alertSet', $MamlNamespace)
        $Writer.WriteStartElement('maml', 'alert', $MamlNamespace)
        Write-Para $Writer $Help.Notes
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('command', 'examples', $CommandNamespace)
    foreach ($example in $Help.Examples) {
        $Writer.WriteStartElement('command', 'example', $CommandNamespace)
        $Writer.WriteElementString('maml', 'title', $MamlNamespace, "------ $($example.Title) ------")
        $Writer.WriteElementString('dev', 'code', $DevNamespace, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $DevNamespace)
        # The empty paragraph leaves a blank line before the next example's title.
        Write-Para $Writer ($example.Remarks + '')
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }

    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $CommandNamespace)
    foreach ($link in $Help.Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $MamlNamespace)
        $Writer.WriteElementString('maml', 'linkText', $MamlNamespace, $link.Text)
        $uri = if ($link.Target -match '^https?://') { $link.Target } else { '' }
        $Writer.WriteElementString('maml', 'uri', $MamlNamespace, $uri)
        $Writer.WriteEndElement()
    }

    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

function Write-MamlFile([string] $Path, $Pairs) {
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.Encoding = New-Object System.Text.UTF8Encoding($false)
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        $writer.WriteAttributeString('xmlns', 'maml', $null, $MamlNamespace)
        $writer.WriteAttributeString('xmlns', 'command', $null, $CommandNamespace)
        $writer.WriteAttributeString('xmlns', 'dev', $null, $DevNamespace)
        foreach ($pair in $Pairs) { Write-Command $writer $pair.Help $pair.Command }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}

$sourceFolder = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Source)
$destinationFolder = $PSCmdlet.GetUnresolvedProviderPathFromPSPath($Destination)
if (-not (Test-Path -LiteralPath $sourceFolder -PathType Container)) {
    throw "The help folder '$Source' does not exist."
}

$manifest = [IO.Path]::GetFullPath([IO.Path]::Combine($PSScriptRoot, '..', 'PluginSync.psd1'))
$commands = @(Get-CmdletMetadata $manifest)
$problems = New-Object System.Collections.Generic.List[string]
$pairs = New-Object System.Collections.Generic.List[object]

$files = @(Get-ChildItem -LiteralPath $sourceFolder -Filter '*.md' -File | Sort-Object Name)
foreach ($file in $files) {
    $command = @($commands | Where-Object { $_.Name -eq $file.BaseName })
    if ($command.Count -eq 0) {
        $problems.Add("$($file.Name): the module exports no cmdlet named '$($file.BaseName)'.")
        continue
    }

    $help = Read-HelpMarkdown $file.FullName $problems
    if (-not $help) { continue }
    Test-HelpAgainstCmdlet $help $command[0] $problems
    Test-Link $help $sourceFolder $problems
    $pairs.Add([pscustomobject]@{ Help = $help; Command = $command[0] })
}

foreach ($command in $commands) {
    if (@($files | Where-Object { $_.BaseName -eq $command.Name }).Count -eq 0) {
        $problems.Add("$($command.Name) has no help: add $($command.Name).md to '$Source'.")
    }
}

if ($problems.Count -gt 0) {
    # One error per problem, so each is read on its own; then one failure that stops the build.
    foreach ($problem in $problems) { Write-Error -Message $problem -ErrorAction Continue }
    throw "The help in '$Source' does not match the cmdlets ($($problems.Count) problems, listed above)." +
        ' No help file was written.'
}

$helpFiles = @($commands | ForEach-Object { $_.HelpFile } | Select-Object -Unique)
if ($helpFiles.Count -ne 1) { throw "The cmdlets name more than one help file: $($helpFiles -join ', ')." }

New-Item -ItemType Directory -Force -Path $destinationFolder | Out-Null
$target = [IO.Path]::Combine($destinationFolder, [IO.Path]::GetFileName($helpFiles[0]))
$partial = $target + '.partial'
Write-MamlFile $partial $pairs
Move-Item -LiteralPath $partial -Destination $target -Force
Write-Verbose "Wrote help for $($pairs.Count) cmdlets to $target."
