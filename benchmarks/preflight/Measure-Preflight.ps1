<#
.SYNOPSIS
    Prints the cost of the checks before deploying, for docs/benchmarks.md: the AWS calls New-HttpServiceStack makes
    with every check on (key pair, AMI, instance type offerings, image on a loopback docker-registry), as moto's request
    recorder saw them, and the time of New-HttpServiceStack -NoWait with and without -SkipPreflight (median of -Runs).
    Run after `dotnet build -c Release`:  dotnet pwsh -NoProfile -File benchmarks/preflight/Measure-Preflight.ps1
#>
param(
    [int] $Runs = 15
)
$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $repo 'scripts/LocalServices.psm1') -Force
Set-LoopbackOnlyNetwork
Import-Module (Join-Path $PSScriptRoot '../Statistics.psm1') -Force

function Push-TinyImage([string] $Registry, [string] $Repository, [string] $Tag) {
    $config = [Text.Encoding]::UTF8.GetBytes('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}')
    $digest = 'sha256:' + [Convert]::ToHexStringLower([Security.Cryptography.SHA256]::HashData($config))
    $upload = Invoke-WebRequest -Method Post -Uri "http://$Registry/v2/$Repository/blobs/uploads/" -UseBasicParsing
    $location = [Uri]::new([Uri]"http://$Registry", [string]$upload.Headers.Location[0])
    $separator = if ($location.Query) { '&' } else { '?' }
    Invoke-WebRequest -Method Put -Uri "$location${separator}digest=$digest" -Body $config -ContentType 'application/octet-stream' -UseBasicParsing | Out-Null
    $manifest = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"' + $digest + '","size":' + $config.Length + '},"layers":[]}'
    Invoke-WebRequest -Method Put -Uri "http://$Registry/v2/$Repository/manifests/$Tag" -Body $manifest -ContentType 'application/vnd.oci.image.manifest.v1+json' -UseBasicParsing | Out-Null
}

$work = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "stackkit-preflight-bench-$PID")
$moto = $null
$registry = $null
try {
    # moto's request recorder writes its file here, not into the current folder.
    $env:MOTO_RECORDER_FILEPATH = Join-Path $work 'moto_recording'
    $moto = Start-MotoServer -LogFolder $work
    $port = Get-FreeLoopbackPort
    Set-Content (Join-Path $work 'registry.yml') "version: 0.1`nlog:`n  level: error`nstorage:`n  filesystem:`n    rootdirectory: $work/storage`nhttp:`n  addr: 127.0.0.1:$port"
    $registry = Start-Process -FilePath 'docker-registry' -ArgumentList 'serve', (Join-Path $work 'registry.yml') -PassThru `
        -RedirectStandardOutput (Join-Path $work 'registry.out') -RedirectStandardError (Join-Path $work 'registry.err')
    Wait-HttpReady -Url "http://127.0.0.1:$port/v2/" -Process $registry -Name 'docker-registry'
    Push-TinyImage "127.0.0.1:$port" 'team/web' '1.0'

    $env:AWS_ACCESS_KEY_ID = 'testing'; $env:AWS_SECRET_ACCESS_KEY = 'testing'
    $env:AWS_REGION = 'us-east-1'; $env:AWS_DEFAULT_REGION = 'us-east-1'; $env:AWS_EC2_METADATA_DISABLED = 'true'
    aws ec2 create-key-pair --key-name bench-key --endpoint-url $moto.Endpoint --output json | Out-Null
    Import-Module (Join-Path $repo 'StackKit.psd1') -Force
    # moto's x86_64 image in us-east-1; t3.micro runs x86_64 and is offered in us-east-1a and 1b.
    $checked = @{ SshKeyName = 'bench-key'; AmiId = 'ami-03cf127a'; InstanceType = 't3.micro'; DockerImage = "127.0.0.1:$port/team/web:1.0"; EndpointUrl = $moto.Endpoint; NoWait = $true; WarningAction = 'SilentlyContinue' }
    New-HttpServiceStack -StackName 'warm-up' @checked | Out-Null

    Invoke-WebRequest -Method Post -Uri "$($moto.Endpoint)/moto-api/recorder/reset-recording" -UseBasicParsing | Out-Null
    Invoke-WebRequest -Method Post -Uri "$($moto.Endpoint)/moto-api/recorder/start-recording" -UseBasicParsing | Out-Null
    New-HttpServiceStack -StackName 'counted' @checked | Out-Null
    Invoke-WebRequest -Method Post -Uri "$($moto.Endpoint)/moto-api/recorder/stop-recording" -UseBasicParsing | Out-Null
    $recorded = (Invoke-WebRequest -Uri "$($moto.Endpoint)/moto-api/recorder/download-recording" -UseBasicParsing).Content -split "`n" | Where-Object { $_ } |
        ForEach-Object {
            $request = $_ | ConvertFrom-Json
            $body = if ($request.body_encoded) { [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($request.body)) } else { [string]$request.body }
            if ($body -match 'Action=(\w+)') { $Matches[1] }
        }

    $withChecks = foreach ($i in 1..$Runs) { (Measure-Command { New-HttpServiceStack -StackName "checked-$i" @checked | Out-Null }).TotalMilliseconds }
    $skipped = foreach ($i in 1..$Runs) { (Measure-Command { New-HttpServiceStack -StackName "skipped-$i" @checked -SkipPreflight | Out-Null }).TotalMilliseconds }

    'AWS calls of one New-HttpServiceStack -NoWait with every check on (moto recorder):'
    $recorded | Group-Object | Sort-Object Name | ForEach-Object { '  {0,-34} {1}' -f $_.Name, $_.Count }
    '  registry requests: 1 (HEAD /v2/team/web/manifests/1.0 on an open registry; 3 with a Bearer challenge: HEAD, token GET, HEAD)'
    'New-HttpServiceStack -NoWait on moto, median of {0}: {1:N0} ms with the checks, {2:N0} ms with -SkipPreflight: the checks cost {3:N0} ms' -f `
        $Runs, (Get-Median $withChecks), (Get-Median $skipped), ((Get-Median $withChecks) - (Get-Median $skipped))
}
finally {
    if ($registry -and -not $registry.HasExited) { Stop-Process -Id $registry.Id -Force; $registry.WaitForExit() }
    if ($moto) { Stop-MotoServer $moto }
    Remove-Item -Recurse -Force $work
}
