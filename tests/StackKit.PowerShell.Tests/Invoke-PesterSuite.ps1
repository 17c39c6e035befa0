<#
.SYNOPSIS
    Runs the module's Pester suite with the Pester that the build fetched into the NuGet cache.
#>
param(
    [string] $ResultPath = (Join-Path $PSScriptRoot 'pester.xml')
)
$ErrorActionPreference = 'Stop'
# Before any web request of this process: the tests reach loopback only (see Set-LoopbackOnlyNetwork).
Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1')
Set-LoopbackOnlyNetwork

$nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$pester = Join-Path $nugetRoot 'pester/5.7.1/tools/Pester.psd1'
if (-not (Test-Path $pester)) {
    throw "Pester 5.7.1 is not in the NuGet cache ($pester). Run 'dotnet build StackKit.slnx' first: it fetches Pester."
}
Import-Module $pester -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.Exit = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnit3'
$configuration.TestResult.OutputPath = $ResultPath
Invoke-Pester -Configuration $configuration
