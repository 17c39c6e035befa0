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
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $configuration

# A failure message can quote a control character (a test of escape sequences, a child's coloured output), which
# XML cannot hold: Pester's own report writer then throws and the run's counts are lost. Such characters are
# written as \xNN in the report; the console above showed them as they were.
foreach ($errorRecord in $result.Tests.ErrorRecord) {
    if ($errorRecord.DisplayErrorMessage) {
        $errorRecord.DisplayErrorMessage = $errorRecord.DisplayErrorMessage -replace '[\x00-\x08\x0B\x0C\x0E-\x1F]', { '\x{0:X2}' -f [int][char]$_.Value }
    }
}
$result | Export-NUnitReport -Path $ResultPath -Format NUnit3
exit ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)
