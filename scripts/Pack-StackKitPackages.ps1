<#
.SYNOPSIS
    Packs the NuGet packages a release publishes: StackKit, StackKit.Server and StackKit.Keys, which both depend on,
    and StackKit.Templates (dotnet new stackkit-service, which references StackKit.Server at the same version).
    The release workflow and the packaging test call this script, so they publish and test the same list.
.PARAMETER OutputPath
    The folder to write the .nupkg and .snupkg files to; default: artifacts/packages.
.PARAMETER VersionSuffix
    A prerelease suffix (0.1.0-<suffix>); none for a release.
.PARAMETER NoAudit
    Skips NuGet's vulnerability audit, for a process that cannot reach the feed's audit data.
.OUTPUTS
    The .nupkg files written.
#>
param(
    [string] $OutputPath = (Join-Path (Split-Path $PSScriptRoot -Parent) 'artifacts/packages'),
    [string] $VersionSuffix,
    [switch] $NoAudit
)
$ErrorActionPreference = 'Stop'
$repo = Split-Path $PSScriptRoot -Parent

# StackKit.Keys is a package of its own rather than copied into both consumers: one StackKit.Keys.dll in an
# application that references StackKit and StackKit.Server, at one version.
$projects = 'src/StackKit.Keys', 'src/StackKit', 'src/StackKit.Server', 'src/StackKit.Templates'

$arguments = @('-c', 'Release', '-o', $OutputPath, '-nologo')
if ($VersionSuffix) { $arguments += '--version-suffix', $VersionSuffix }
if ($NoAudit) { $arguments += '-p:NuGetAudit=false' }
foreach ($project in $projects) {
    dotnet pack (Join-Path $repo $project) @arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "dotnet pack $project failed with exit code $LASTEXITCODE." }
}
foreach ($project in $projects) {
    $id = Split-Path $project -Leaf
    $version = dotnet msbuild (Join-Path $repo $project) -getProperty:PackageVersion "-p:VersionSuffix=$VersionSuffix"
    Get-Item (Join-Path $OutputPath "$id.$version.nupkg")
}
