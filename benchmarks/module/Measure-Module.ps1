<#
.SYNOPSIS
    Prints the module's figures for docs/benchmarks.md: Import-Module time in a fresh session, and an in-session
    Get-HttpServiceStack against moto_server next to `aws cloudformation describe-stacks` on the same endpoint.
    Run after `dotnet build -c Release`:  dotnet pwsh -NoProfile -File benchmarks/module/Measure-Module.ps1
#>
param(
    [int] $ImportRuns = 10,
    [int] $GetRuns = 50,
    [int] $CliRuns = 5
)
$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $repo 'scripts/LocalServices.psm1') -Force
Set-LoopbackOnlyNetwork
Import-Module (Join-Path $PSScriptRoot '../Statistics.psm1') -Force

# Import-Module in a fresh process each time (the process start itself is not counted).
$imports = foreach ($i in 1..$ImportRuns) {
    [double](dotnet pwsh -NoProfile -NonInteractive -Command "(Measure-Command { Import-Module '$repo/StackKit.psd1' }).TotalMilliseconds")
}

$moto = Start-MotoServer
try {
    $env:AWS_ACCESS_KEY_ID = 'testing'; $env:AWS_SECRET_ACCESS_KEY = 'testing'
    $env:AWS_REGION = 'us-east-1'; $env:AWS_DEFAULT_REGION = 'us-east-1'; $env:AWS_EC2_METADATA_DISABLED = 'true'
    Import-Module (Join-Path $repo 'StackKit.psd1') -Force
    New-HttpServiceStack -StackName bench -EndpointUrl $moto.Endpoint | Out-Null
    1..3 | ForEach-Object { Get-HttpServiceStack -StackName bench -EndpointUrl $moto.Endpoint | Out-Null }
    $gets = foreach ($i in 1..$GetRuns) {
        (Measure-Command { Get-HttpServiceStack -StackName bench -EndpointUrl $moto.Endpoint }).TotalMilliseconds
    }
    $cli = foreach ($i in 1..$CliRuns) {
        (Measure-Command { aws cloudformation describe-stacks --stack-name bench --endpoint-url $moto.Endpoint --output json | Out-Null }).TotalMilliseconds
    }
}
finally {
    Stop-MotoServer $moto
}

'| what | runs | median | p90 |'
'| --- | ---: | ---: | ---: |'
'| `Import-Module StackKit.psd1` (fresh session) | {0} | {1:N0} ms | {2:N0} ms |' -f $ImportRuns, (Get-Median $imports), (Get-Percentile $imports 0.9)
'| `Get-HttpServiceStack -StackName bench` (in session; DescribeStacks + resources + group + instance health) | {0} | {1:N1} ms | {2:N1} ms |' -f $GetRuns, (Get-Median $gets), (Get-Percentile $gets 0.9)
'| `aws cloudformation describe-stacks --stack-name bench` (new process) | {0} | {1:N0} ms | {2:N0} ms |' -f $CliRuns, (Get-Median $cli), (Get-Percentile $cli 0.9)
