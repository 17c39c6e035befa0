<#
.SYNOPSIS
    Makes a self-contained module folder (manifest, assemblies, formats, help) that Import-Module loads from any
    path and Publish-Module accepts. Run after `dotnet build -c Release`.
.PARAMETER OutputPath
    The folder to create the StackKit module folder in; default: artifacts/module.
.OUTPUTS
    The module folder.
#>
param(
    [string] $OutputPath = (Join-Path (Split-Path $PSScriptRoot -Parent) 'artifacts/module')
)
$ErrorActionPreference = 'Stop'
$repo = Split-Path $PSScriptRoot -Parent
$build = Join-Path $repo 'src/StackKit.PowerShell/bin/Release/netstandard2.0'
if (-not (Test-Path (Join-Path $build 'StackKit.PowerShell.dll'))) {
    throw "No Release build of the module in $build; run 'dotnet build src/StackKit.PowerShell -c Release' first."
}

$module = Join-Path $OutputPath 'StackKit'
if (Test-Path $module) { Remove-Item -Recurse -Force $module }
New-Item -ItemType Directory -Path (Join-Path $module 'en-US') | Out-Null
Copy-Item (Join-Path $build '*.dll') $module
Copy-Item (Join-Path $repo 'src/StackKit.PowerShell/StackKit.Format.ps1xml') $module
Copy-Item (Join-Path $repo 'en-US/StackKit.PowerShell.dll-Help.xml'), (Join-Path $repo 'en-US/about_StackKit.help.txt') (Join-Path $module 'en-US')
Copy-Item (Join-Path $repo 'LICENSE') $module

# The repository's manifest points into the build tree; the published one points at the files beside it.
$manifest = Get-Content -Raw (Join-Path $repo 'StackKit.psd1')
$manifest = $manifest -replace "RootModule\s*=\s*'[^']*'", "RootModule             = 'StackKit.PowerShell.dll'"
$manifest = $manifest -replace '(?m)^\s*#.*\r?\n', ''
$manifest = $manifest -replace "FormatsToProcess\s*=\s*@\('[^']*'\)", "FormatsToProcess       = @('StackKit.Format.ps1xml')"
Set-Content -Path (Join-Path $module 'StackKit.psd1') -Value $manifest -NoNewline
Test-ModuleManifest (Join-Path $module 'StackKit.psd1') | Out-Null
Get-Item $module
