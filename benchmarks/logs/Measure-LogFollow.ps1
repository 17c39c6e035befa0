<#
.SYNOPSIS
    Prints how soon Get-HttpServiceLog -Follow shows a line after it was written, for docs/benchmarks.md: the issue asks
    for new lines within 5 s. A child pwsh follows a stack's log group on moto_server and stamps each line as it
    arrives; this script writes lines at uneven intervals (put-log-events, as Docker's awslogs driver does) and compares.
    Run after `dotnet build -c Release`:  dotnet pwsh -NoProfile -File benchmarks/logs/Measure-LogFollow.ps1
#>
param([int] $Lines = 30)
$ErrorActionPreference = 'Stop'
$repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $repo 'scripts/LocalServices.psm1') -Force
Set-LoopbackOnlyNetwork
Import-Module (Join-Path $PSScriptRoot '../Statistics.psm1') -Force

$moto = Start-MotoServer
$follower = $null
try {
    Set-MotoEnvironment
    function Invoke-Aws { aws @args --endpoint-url $moto.Endpoint --output json; if ($LASTEXITCODE) { throw "aws $args failed" } }
    # A stack StackKit manages whose only resource is its log group: what Get-HttpServiceLog reads.
    $template = '{"Resources": {"LogGroup": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 14}}}}'
    Invoke-Aws cloudformation create-stack --stack-name bench --template-body $template --tags 'Key=stackkit:managed-by,Value=StackKit' | Out-Null
    $group = ((Invoke-Aws cloudformation describe-stack-resources --stack-name bench | ConvertFrom-Json).StackResources | Where-Object ResourceType -eq 'AWS::Logs::LogGroup').PhysicalResourceId
    Invoke-Aws logs create-log-stream --log-group-name $group --log-stream-name i-0123456789abcdef0 | Out-Null

    $start = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in 'pwsh', '-NoProfile', '-NonInteractive', '-Command',
        "Import-Module '$repo/StackKit.psd1'; Get-HttpServiceLog -StackName bench -Follow -Since 1m -EndpointUrl $($moto.Endpoint) | ForEach-Object { '{0} {1}' -f [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds(), `$_.Message }") {
        $start.ArgumentList.Add($argument)
    }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $follower = [Diagnostics.Process]::Start($start)
    Start-Sleep -Seconds 8  # the child's start and its first read

    $random = [Random]::new(7)
    $written = @{}
    foreach ($i in 1..$Lines) {
        Start-Sleep -Milliseconds $random.Next(200, 3000)
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
        $events = ConvertTo-Json -Compress @(@{ timestamp = $now; message = "line $i" })
        Invoke-Aws logs put-log-events --log-group-name $group --log-stream-name i-0123456789abcdef0 --log-events $events | Out-Null
        # Written once put-log-events has answered: what the driver would have sent by then.
        $written["line $i"] = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    }
    $delays = [Collections.Generic.List[double]]::new()
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    $read = $null
    while ($delays.Count -lt $Lines -and [DateTime]::UtcNow -lt $deadline) {
        if (-not $read) { $read = $follower.StandardOutput.ReadLineAsync() }
        if (-not $read.Wait(1000)) { continue }
        $line = $read.Result
        $read = $null
        if ($line -match '^(\d+) (line \d+)$' -and $written.ContainsKey($Matches[2])) {
            $delays.Add(([long]$Matches[1] - $written[$Matches[2]]) / 1000.0)
        }
    }
    $shown = $delays.Count
    '{0} of {1} lines shown; seconds from write to display: median {2:N2}, p95 {3:N2}, max {4:N2}' -f $shown, $Lines,
        (Get-Median $delays), (Get-Percentile $delays 0.95), ($delays | Measure-Object -Maximum).Maximum
}
finally {
    if ($follower -and -not $follower.HasExited) { $follower.Kill($true) }
    Stop-MotoServer $moto
}
