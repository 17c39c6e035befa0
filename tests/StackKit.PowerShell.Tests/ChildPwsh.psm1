<#
    Runs a script in a fresh `dotnet pwsh` process with a clean environment: to see what the host shows
    (What if: lines, confirmation prompts), to start without any AWS settings, or to load a module no other module
    loaded first. With -Answer the child is interactive and reads its answers to prompts from it.
#>
function Invoke-ChildPwsh {
    param(
        [Parameter(Mandatory)] [string] $Script,
        [hashtable] $Environment = @{},
        [string] $Answer
    )
    $repo = Join-Path $PSScriptRoot '../..'
    $nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    # DOTNET_CLI_HOME keeps the restored `dotnet pwsh` tool findable when a test gives the child another HOME.
    $variables = @{ HOME = $HOME; DOTNET_CLI_HOME = $HOME; PATH = $env:PATH; NUGET_PACKAGES = $nugetRoot; DOTNET_NOLOGO = '1'; AWS_EC2_METADATA_DISABLED = 'true' }
    foreach ($key in $Environment.Keys) { $variables[$key] = $Environment[$key] }
    Push-Location $repo
    try {
        $assignments = @($variables.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" })
        if ($PSBoundParameters.ContainsKey('Answer')) {
            $Answer | & env -i @assignments dotnet pwsh -NoProfile -Command $Script
        }
        else {
            & env -i @assignments dotnet pwsh -NoProfile -NonInteractive -Command $Script
        }
    }
    finally {
        Pop-Location
    }
}

Export-ModuleMember -Function Invoke-ChildPwsh
