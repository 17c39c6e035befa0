<#
.SYNOPSIS
    Writes the module's help (MAML, for Get-Help) and docs/cmdlets.md from one source: the cmdlets' XML doc
    comments and their parameter metadata; the template options' parameters take their help from the options'
    declarations (src/StackKit/HttpService/HttpServiceOptions.cs). Run after `dotnet build -c Release`; a Pester test fails when the
    checked-in files differ from what this writes.
.PARAMETER OutputFolder
    Where to write StackKit.PowerShell.dll-Help.xml and cmdlets.md; default: their places in the repository.
#>
param(
    [string] $OutputFolder
)
$ErrorActionPreference = 'Stop'
$repo = Split-Path $PSScriptRoot -Parent
# Get-Help looks for a binary module's help in <module base>/<culture>/, and the manifest is at the repo root.
$helpPath = Join-Path $repo 'en-US/StackKit.PowerShell.dll-Help.xml'
$markdownPath = Join-Path $repo 'docs/cmdlets.md'
if ($OutputFolder) {
    $helpPath = Join-Path $OutputFolder 'StackKit.PowerShell.dll-Help.xml'
    $markdownPath = Join-Path $OutputFolder 'cmdlets.md'
}

$module = Import-Module (Join-Path $repo 'StackKit.psd1') -Force -PassThru
$xmlDoc = [xml](Get-Content -Raw (Join-Path (Split-Path $module.Path) 'StackKit.PowerShell.xml'))
$members = @{}
foreach ($member in $xmlDoc.doc.members.member) { $members[$member.name] = $member }
$common = [System.Management.Automation.Cmdlet]::CommonParameters
$shouldProcessDocs = @{
    WhatIf  = 'Shows what the cmdlet would do, without doing it: no call is made to AWS and no file is written.'
    Confirm = 'Asks for confirmation before the cmdlet changes anything.'
}

# PowerShell's XML adapter gives a text-only element as a string and any other as an XmlElement.
function Get-Text($node) {
    $text = if ($node -is [string]) { $node } else { $node.InnerText }
    ($text -replace '\s+', ' ').Trim()
}

function Get-ParameterDoc([type] $type, $parameter) {
    $name = $parameter.Name
    if ($shouldProcessDocs.ContainsKey($name)) { return $shouldProcessDocs[$name] }
    for ($t = $type; $t; $t = $t.BaseType) {
        $doc = $members["P:$($t.FullName).$name"]
        if ($doc) { return Get-Text $doc.summary }
    }
    # The template options' parameters are dynamic, made from the options' declarations, which carry their help.
    $declared = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.HelpMessage } | Select-Object -First 1
    if ($declared) { return $declared.HelpMessage }
    throw "Parameter -$name of $($type.Name) has neither an XML doc comment nor a declared help message."
}

# A parameter's default: False for a switch, else the doc comment's "Default: ..." sentence, else None.
function Get-DefaultValue($cmd, $parameter, [string] $text) {
    if ($parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]) { return 'False' }
    # An update changes only what it names: the template's parameters keep their values.
    # An update changes only what it names: the template's parameters and options (the dynamic parameters) keep their values.
    $property = $cmd.ImplementingType.GetProperty($parameter.Name)
    if ($cmd.Verb -eq 'Update' -and (-not $property -or $property.DeclaringType.Name -eq 'HttpServiceParameterCmdlet')) { return "the stack's current value" }
    if ($text -match 'Default:\s*(?<value>.+?)\.(\s|$)') { return $Matches.value }
    'None'
}

function Get-TypeName([type] $type) {
    if ($type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    $nullable = [Nullable]::GetUnderlyingType($type)
    if ($nullable) { return $nullable.Name }
    $type.Name
}

# The stack cmdlets and the template first, then the key cmdlets; each group in the order of its life cycle.
$commands = $module.ExportedCmdlets.Values | Sort-Object { $_.Noun -eq 'HttpServiceSshKey' }, { @('New', 'Add', 'Get', 'Update', 'Remove', 'Export').IndexOf($_.Verb) }
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
$markdown = [System.Text.StringBuilder]::new()
[void]$markdown.AppendLine('# Cmdlet reference').AppendLine().AppendLine('Generated from the cmdlets'' doc comments by `scripts/Build-CmdletHelp.ps1`; `Get-Help <cmdlet> -Full` shows the same text.').AppendLine()

$stream = [System.IO.MemoryStream]::new()
$w = [System.Xml.XmlWriter]::Create($stream, $settings)
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($cmd in $commands) {
    $type = $cmd.ImplementingType
    $doc = $members["T:$($type.FullName)"]
    $synopsis = Get-Text ($doc.summary.para | Where-Object type -EQ 'synopsis')
    $description = Get-Text ($doc.summary.para | Where-Object type -EQ 'description')
    $parameters = $cmd.Parameters.Values | Where-Object { $_.Name -notin $common }

    $w.WriteStartElement('command', 'command', $command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('details', $command)
    $w.WriteElementString('name', $command, $cmd.Name)
    $w.WriteElementString('verb', $command, $cmd.Verb)
    $w.WriteElementString('noun', $command, $cmd.Noun)
    $w.WriteStartElement('description', $maml); $w.WriteElementString('para', $maml, $synopsis); $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteStartElement('description', $maml); $w.WriteElementString('para', $maml, $description); $w.WriteEndElement()

    $w.WriteStartElement('syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('syntaxItem', $command)
        $w.WriteElementString('name', $maml, $cmd.Name)
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common }) {
            $w.WriteStartElement('parameter', $command)
            $w.WriteAttributeString('required', "$($p.IsMandatory)".ToLowerInvariant())
            $w.WriteAttributeString('position', $(if ($p.Position -ge 0) { "$($p.Position)" } else { 'named' }))
            $w.WriteElementString('name', $maml, $p.Name)
            if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
                $w.WriteElementString('parameterValue', $command, (Get-TypeName $p.ParameterType))
            }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    # What the pipeline can bring (INPUTS) and what the cmdlet writes (OUTPUTS), from the parameters and [OutputType].
    $inputs = foreach ($p in $parameters) {
        $bound = $cmd.ParameterSets.Parameters | Where-Object Name -EQ $p.Name
        $how = @(if ($bound.ValueFromPipeline -contains $true) { 'by value' }; if ($bound.ValueFromPipelineByPropertyName -contains $true) { 'by property name' + $(if ($p.Aliases.Count) { " ($(@($p.Name) + $p.Aliases -join ', '))" } else { " ($($p.Name))" }) })
        if ($how) { [pscustomobject]@{ Type = $p.ParameterType.FullName; Text = "-$($p.Name), $($how -join ' and ')." } }
    }
    $outputs = @($type.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true).Type | ForEach-Object { if ($_.Type) { $_.Type.FullName } else { $_.Name } })
    $w.WriteStartElement('inputTypes', $command)
    foreach ($in in $(if ($inputs) { $inputs } else { [pscustomobject]@{ Type = 'None'; Text = 'Nothing can be piped to this cmdlet.' } })) {
        $w.WriteStartElement('inputType', $command)
        $w.WriteStartElement('type', $dev); $w.WriteElementString('name', $maml, $in.Type); $w.WriteEndElement()
        $w.WriteStartElement('description', $maml); $w.WriteElementString('para', $maml, $in.Text); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteStartElement('returnValues', $command)
    foreach ($out in $(if ($outputs) { $outputs } else { @('None') })) {
        $w.WriteStartElement('returnValue', $command)
        $w.WriteStartElement('type', $dev); $w.WriteElementString('name', $maml, $out); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    [void]$markdown.AppendLine("## $($cmd.Name)").AppendLine().AppendLine($synopsis).AppendLine().AppendLine([System.Net.WebUtility]::HtmlEncode($description)).AppendLine()
    [void]$markdown.AppendLine('| parameter | type | default | description |').AppendLine('| --- | --- | --- | --- |')
    $w.WriteStartElement('parameters', $command)
    foreach ($p in $parameters) {
        $first = $cmd.ParameterSets.Parameters | Where-Object Name -EQ $p.Name | Select-Object -First 1
        $pipeline = @(if ($first.ValueFromPipeline) { 'ByValue' }; if ($first.ValueFromPipelineByPropertyName) { 'ByPropertyName' })
        $text = Get-ParameterDoc $type $p
        $typeName = Get-TypeName $p.ParameterType
        $default = Get-DefaultValue $cmd $p $text
        $w.WriteStartElement('parameter', $command)
        $w.WriteAttributeString('required', "$($first.IsMandatory)".ToLowerInvariant())
        $w.WriteAttributeString('globbing', "$($p.Attributes.TypeId.Name -contains 'SupportsWildcardsAttribute')".ToLowerInvariant())
        $w.WriteAttributeString('pipelineInput', $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }))
        $w.WriteAttributeString('position', $(if ($first.Position -ge 0) { "$($first.Position)" } else { 'named' }))
        $w.WriteAttributeString('aliases', $(if ($p.Aliases.Count) { $p.Aliases -join ', ' } else { 'none' }))
        $w.WriteElementString('name', $maml, $p.Name)
        $w.WriteStartElement('description', $maml); $w.WriteElementString('para', $maml, $text); $w.WriteEndElement()
        if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
            $w.WriteElementString('parameterValue', $command, $typeName)
        }
        $w.WriteStartElement('type', $dev); $w.WriteElementString('name', $maml, $typeName); $w.WriteEndElement()
        $w.WriteElementString('defaultValue', $dev, $default)
        $w.WriteEndElement()
        [void]$markdown.AppendLine("| ``-$($p.Name)`` | $typeName | $([System.Net.WebUtility]::HtmlEncode($default)) | $([System.Net.WebUtility]::HtmlEncode($text)) |")
    }
    $w.WriteEndElement()
    $inputText = if ($inputs) { ($inputs | ForEach-Object { '`{0}` ({1})' -f $_.Type, $_.Text.TrimEnd('.') }) -join '; ' } else { 'none' }
    $outputText = ($outputs | ForEach-Object { '`{0}`' -f $_ }) -join ', '
    [void]$markdown.AppendLine().AppendLine("Inputs: $inputText. Outputs: $outputText.")
    [void]$markdown.AppendLine().AppendLine('Common parameters: `-Region`, `-EndpointUrl`, `-ProfileName`, `-AccessKey`/`-SecretKey`/`-SessionToken` where listed, and PowerShell''s common parameters.').AppendLine()

    $w.WriteStartElement('examples', $command)
    $number = 0
    foreach ($example in $doc.example) {
        $number++
        $code = Get-Text $example.code
        $remarks = Get-Text $example.para
        $w.WriteStartElement('example', $command)
        $w.WriteElementString('title', $maml, "-------------------------- Example $number --------------------------")
        $w.WriteElementString('code', $dev, $code)
        $w.WriteStartElement('remarks', $dev); $w.WriteElementString('para', $maml, $remarks); $w.WriteEndElement()
        $w.WriteEndElement()
        [void]$markdown.AppendLine("Example $number`:").AppendLine().AppendLine('```powershell').AppendLine($code).AppendLine('```').AppendLine().AppendLine($remarks).AppendLine()
    }
    $w.WriteEndElement()
    $w.WriteStartElement('relatedLinks', $maml)
    $w.WriteStartElement('navigationLink', $maml); $w.WriteElementString('linkText', $maml, 'Online Version:'); $w.WriteElementString('uri', $maml, $cmd.HelpUri); $w.WriteEndElement()
    $w.WriteStartElement('navigationLink', $maml); $w.WriteElementString('linkText', $maml, 'about_StackKit'); $w.WriteElementString('uri', $maml, ''); $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.Flush()
$w.Dispose()

New-Item -ItemType Directory -Force -Path (Split-Path $helpPath) | Out-Null
[System.IO.File]::WriteAllText($helpPath, [System.Text.Encoding]::UTF8.GetString($stream.ToArray()).TrimStart([char]0xFEFF) + "`n")
[System.IO.File]::WriteAllText($markdownPath, $markdown.ToString().TrimEnd() + "`n")
Write-Host "Wrote $helpPath and $markdownPath"
