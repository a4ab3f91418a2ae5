<#PluginSync @{
    Name        = 'hello'
    Version     = '1.0.0'
    Description = 'Greets the people listed in a CSV file (or 25 sample people) and remembers whom it greeted.'
    Credentials = @(
        @{ Name = 'signing_key'; Required = $true; Description = 'The key each greeting is signed with.' }
    )
    Settings    = @(
        @{
            Name        = 'BatchSize'
            Type        = 'Integer'
            Default     = 10
            Minimum     = 1
            Maximum     = 1000
            Description = 'How many people to greet between two progress reports.'
        }
        @{
            Name          = 'Style'
            Type          = 'String'
            Default       = 'Friendly'
            AllowedValues = @('Friendly', 'Formal')
            Description   = 'How the greetings are worded.'
        }
        @{
            Name        = 'Source'
            Type        = 'Path'
            Description = 'A CSV file with the columns Name and Email; without it, 25 sample people are greeted.'
        }
    )
} #>

# A sample script plugin for PluginSync. Copy it into a plugin directory, rename it (keep the .plugin.ps1
# ending), change the Name above and make it sync something real.
#
# How a script plugin works:
#
# - The block above declares the plugin. PluginSync reads it as data when it lists plugins, and runs none of
#   this file's code until a sync runs, so the block may hold only constants: text, numbers, $true, $false,
#   arrays and hashtables. Set-PluginConfiguration checks every value against it before storing anything:
#       Set-PluginConfiguration -Name hello -Secret @{ signing_key = 'a long random text' } -Enabled
#       Set-PluginConfiguration -Name hello -Setting @{ Style = 'Formal'; Source = '/srv/exports/people.csv' }
#       Invoke-PluginSync -Name hello -Verbose
# - Each run calls this script in a runspace of its own with two parameters. $Context carries the run's
#   credentials and settings (defaults applied, integers as [long]), its counters, the state the last successful
#   run saved, and SetState() to save a new one. $CancellationToken fires when the run times out or the user
#   presses Ctrl+C.
# - Write-Verbose, Write-Warning and Write-Progress reach the caller of Invoke-PluginSync. A credential value
#   in any of them, or in an error, is shown as ******** — but do not rely on that: never write one out.
# - $ErrorActionPreference is Stop, so any error fails the run; the run is then retried if its configuration
#   has -MaxAttempts above 1. A hashtable returned at the end becomes the result's Data. A script can also
#   return [PluginSync.SyncOutcome]::Failed('why') to fail the run with its own message.

param($Context, $CancellationToken)

# Settings are typed already: BatchSize is a [long] between 1 and 1000, Style one of its allowed values.
$batchSize = $Context.Settings['BatchSize']
$style = $Context.Settings['Style']
$source = $Context.Settings['Source']

function Get-Person {
    param([string] $Path)

    if (-not $Path) {
        Write-Verbose 'No Source is set; greeting 25 sample people.'
        return 1..25 | ForEach-Object { [pscustomobject]@{ Name = "Sample Person $_"; Email = "person$_@example.com" } }
    }

    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        throw "The Source file '$Path' does not exist. Set Source to a CSV file with the columns Name and Email."
    }

    $rows = @(Import-Csv -LiteralPath $Path)
    if ($rows.Count -gt 0 -and -not ($rows[0].PSObject.Properties.Name -contains 'Email')) {
        throw "The Source file '$Path' has no Email column. Its first line must name the columns Name and Email."
    }

    Write-Verbose "Read $($rows.Count) people from '$Path'."
    $rows
}

function Get-Greeting {
    param([string] $Name)

    if ($style -eq 'Formal') { "Dear $Name, we are pleased to welcome you." } else { "Hello, $Name!" }
}

$people = @(Get-Person -Path $source)

# The state is whatever text the last successful run saved: here, a JSON object that maps each email address to
# the signature of the greeting sent. A failed run never saves its state, so the next run starts from the last
# good one. (ConvertFrom-Json -AsHashtable would be shorter, but Windows PowerShell 5.1 lacks it.)
$greeted = @{}
if ($Context.PreviousState) {
    foreach ($property in ($Context.PreviousState | ConvertFrom-Json).PSObject.Properties) {
        $greeted[$property.Name] = $property.Value
    }
}
Write-Verbose "The last successful run greeted $($greeted.Count) people."

# A real plugin would hand its credential to the system it syncs with. This one signs each greeting with it, so
# changing the key counts as changing every greeting.
$signer = [Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($Context.Credentials['signing_key']))
$current = @{}
$firstGreeting = $null
try {
    for ($start = 0; $start -lt $people.Count; $start += $batchSize) {
        # Stop between batches when the run times out or is cancelled. PluginSync also stops the script the way
        # Ctrl+C would, but a long .NET call in a loop only ends early if the loop checks the token.
        $CancellationToken.ThrowIfCancellationRequested()

        $end = [Math]::Min($start + $batchSize, $people.Count) - 1
        foreach ($person in $people[$start..$end]) {
            $Context.Counters.AddProcessed()
            $email = "$($person.Email)".Trim().ToLowerInvariant()
            if (-not $email) {
                Write-Warning "Skipped '$($person.Name)': the row has no email address."
                $Context.Counters.AddFailed()
                continue
            }

            if ($current.ContainsKey($email)) {
                Write-Warning "Skipped a second row for '$email': each person is greeted once."
                $Context.Counters.AddSkipped()
                continue
            }

            $greeting = Get-Greeting -Name $person.Name
            if ($null -eq $firstGreeting) { $firstGreeting = $greeting }
            $signature = [Convert]::ToBase64String($signer.ComputeHash([Text.Encoding]::UTF8.GetBytes($greeting)))
            $current[$email] = $signature

            if (-not $greeted.ContainsKey($email)) {
                $Context.Counters.AddCreated()
            }
            elseif ($greeted[$email] -ne $signature) {
                $Context.Counters.AddUpdated()
            }
            else {
                $Context.Counters.AddSkipped()
            }
        }

        $done = $end + 1
        Write-Progress -Activity 'Greeting people' -Status "Greeted $done of $($people.Count)" `
            -PercentComplete ([int]($done * 100 / $people.Count))
    }
}
finally {
    $signer.Dispose()
}

# People greeted last time and no longer in the source are forgotten.
foreach ($email in @($greeted.Keys)) {
    if (-not $current.ContainsKey($email)) {
        $Context.Counters.AddDeleted()
    }
}

$Context.SetState((ConvertTo-Json -InputObject $current -Compress))
Write-Verbose "Greeted $($current.Count) people in the $style style."

# The last thing the script outputs is the run's data. Anything else written to the output on the way is ignored.
@{
    People        = $current.Count
    Style         = $style
    Source        = if ($source) { $source } else { 'sample people' }
    FirstGreeting = $firstGreeting
}
