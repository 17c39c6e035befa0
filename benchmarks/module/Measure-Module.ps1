<#
.SYNOPSIS
    Prints the module's figures for docs/benchmarks.md: Import-Module time in a fresh session, and an in-session
    Get-HttpServiceStack against moto_server next to `aws cloudformation describe-stacks` on the same endpoint, and
    listing 1 and 30 stacks (Get-HttpServiceStack without a name) through a loopback proxy that adds 50 ms to every
    request (the benchmarks' DelayProxy, the same DelayingHandler as the C# listing benchmark).
    Run after `dotnet build -c Release`:  dotnet pwsh -NoProfile -File benchmarks/module/Measure-Module.ps1
#>
param(
    [int] $ImportRuns = 10,
    [int] $GetRuns = 50,
    [int] $CliRuns = 5,
    [int] $ListRuns = 10,
    [int] $LatencyMs = 50
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

    # Listing: 1 stack in us-west-1 and 30 in us-west-2 of the same moto, made without the delay; only the listings pay it.
    New-HttpServiceStack -StackName list-one -Region us-west-1 -EndpointUrl $moto.Endpoint -SkipPreflight -WarningAction SilentlyContinue | Out-Null
    foreach ($i in 1..30) {
        New-HttpServiceStack -StackName ('list-{0:00}' -f $i) -Region us-west-2 -EndpointUrl $moto.Endpoint -SkipPreflight -WarningAction SilentlyContinue | Out-Null
    }
    $free = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $free.Start(); $port = $free.LocalEndpoint.Port; $free.Stop()
    $benchmarks = Join-Path $repo 'benchmarks/StackKit.Benchmarks/bin/Release/net10.0/StackKit.Benchmarks.dll'
    if (-not (Test-Path $benchmarks)) { throw "The delay proxy is not built: run dotnet build StackKit.slnx -c Release first ($benchmarks)." }
    $proxy = Start-Process dotnet -ArgumentList $benchmarks, 'delay-proxy', $port, $moto.Endpoint, $LatencyMs -PassThru
    try {
        $delayed = [uri]"http://127.0.0.1:$port"
        Wait-HttpReady -Url "$delayed/moto-api/data.json" -Process $proxy -Name 'the delay proxy'
        foreach ($region in 'us-west-1', 'us-west-2') { 1..2 | ForEach-Object { Get-HttpServiceStack -Region $region -EndpointUrl $delayed | Out-Null } }
        $listOne = foreach ($i in 1..$ListRuns) { (Measure-Command { Get-HttpServiceStack -Region us-west-1 -EndpointUrl $delayed }).TotalMilliseconds }
        $listThirty = foreach ($i in 1..$ListRuns) {
            (Measure-Command { $listed = @(Get-HttpServiceStack -Region us-west-2 -EndpointUrl $delayed) }).TotalMilliseconds
            if ($listed.Count -ne 30) { throw "us-west-2 listed $($listed.Count) stacks; expected 30." }
        }
    }
    finally {
        if (-not $proxy.HasExited) { Stop-Process -Id $proxy.Id }
    }
}
finally {
    Stop-MotoServer $moto
}

'| what | runs | median | p90 |'
'| --- | ---: | ---: | ---: |'
'| `Import-Module StackKit.psd1` (fresh session) | {0} | {1:N0} ms | {2:N0} ms |' -f $ImportRuns, (Get-Median $imports), (Get-Percentile $imports 0.9)
'| `Get-HttpServiceStack -StackName bench` (in session; DescribeStacks + group + instance health) | {0} | {1:N1} ms | {2:N1} ms |' -f $GetRuns, (Get-Median $gets), (Get-Percentile $gets 0.9)
'| `aws cloudformation describe-stacks --stack-name bench` (new process) | {0} | {1:N0} ms | {2:N0} ms |' -f $CliRuns, (Get-Median $cli), (Get-Percentile $cli 0.9)
'| `Get-HttpServiceStack -Region us-west-1` (lists 1 stack with capacity; {0} ms added to every answer) | {1} | {2:N0} ms | {3:N0} ms |' -f $LatencyMs, $ListRuns, (Get-Median $listOne), (Get-Percentile $listOne 0.9)
'| `Get-HttpServiceStack -Region us-west-2` (lists 30 stacks with capacity; {0} ms added to every answer) | {1} | {2:N0} ms | {3:N0} ms |' -f $LatencyMs, $ListRuns, (Get-Median $listThirty), (Get-Percentile $listThirty 0.9)
'30 stacks / 1 stack (medians): {0:N2}x' -f ((Get-Median $listThirty) / (Get-Median $listOne))
