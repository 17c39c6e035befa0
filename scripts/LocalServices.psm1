<#
    Local stand-ins on loopback, for the main job, the Pester suite and the module benchmark: a free port, a wait
    until an HTTP service answers, a real moto_server (AWS emulator) started and stopped on demand, and a process
    that reaches loopback only.
#>

function Get-FreeLoopbackPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Wait-HttpReady {
    param(
        [Parameter(Mandatory)] [string] $Url,
        [Parameter(Mandatory)] [System.Diagnostics.Process] $Process,
        [Parameter(Mandatory)] [string] $Name
    )
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($Process.HasExited) { throw "$Name exited with code $($Process.ExitCode) before it answered." }
        try {
            Invoke-WebRequest -Uri $Url -UseBasicParsing -TimeoutSec 2 | Out-Null
            return
        }
        catch {
            Start-Sleep -Milliseconds 100
        }
    }
    throw "$Name did not answer on $Url within 60 s."
}

function Start-MotoServer {
    param(
        # Where moto's output goes; a temporary folder, removed by Stop-MotoServer, when not given.
        [string] $LogFolder
    )
    $ownsLogFolder = -not $LogFolder
    if ($ownsLogFolder) {
        $LogFolder = (New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) "moto-$([guid]::NewGuid())")).FullName
    }
    $port = Get-FreeLoopbackPort
    # moto's own botocore looks for credentials for some services (route53): it gets the test keys and never asks
    # instance metadata, whatever this process holds. The child inherits them; this process keeps its own.
    # MOTO_ACM_VALIDATION_WAIT: a requested ACM certificate is issued at once, as AWS issues one whose validation record
    # is in DNS (moto otherwise keeps it PENDING_VALIDATION for 60 s, which the preflight refuses).
    $motoVariables = @{ AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_EC2_METADATA_DISABLED = 'true'; MOTO_ACM_VALIDATION_WAIT = '0' }
    $previous = @{}
    foreach ($name in $motoVariables.Keys) {
        $previous[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $motoVariables[$name])
    }
    try {
        $process = Start-Process -FilePath 'moto_server' -ArgumentList '-H', '127.0.0.1', '-p', $port -PassThru `
            -RedirectStandardOutput (Join-Path $LogFolder 'moto.out') -RedirectStandardError (Join-Path $LogFolder 'moto.err')
    }
    finally {
        foreach ($name in $previous.Keys) { [Environment]::SetEnvironmentVariable($name, $previous[$name]) }
    }
    $server = [pscustomobject]@{ Process = $process; Endpoint = "http://127.0.0.1:$port"; TemporaryLogFolder = $(if ($ownsLogFolder) { $LogFolder }) }
    try {
        Wait-HttpReady -Url "$($server.Endpoint)/moto-api/data.json" -Process $process -Name 'moto_server'
    }
    catch {
        Stop-MotoServer $server
        throw
    }
    $server
}

# What the Set- functions changed, as it was before (first change wins), for Restore-LocalEnvironment.
$script:saved = [ordered]@{}

function Set-SavedVariable([string] $Name, [string] $Value) {
    if (-not $script:saved.Contains($Name)) { $script:saved[$Name] = [Environment]::GetEnvironmentVariable($Name) }
    [Environment]::SetEnvironmentVariable($Name, $Value)
}

function Set-LoopbackOnlyNetwork {
    <#
        Sends this process's (and its children's) HTTP requests for anything but loopback to a closed loopback port,
        where they fail at once: StackKit's image check then says the registry is unreachable instead of asking
        ghcr.io or Docker Hub. Children read the variables; this process's .NET reads its proxy once, so it is set
        here too. Restore-LocalEnvironment undoes it.
    #>
    if (-not $script:saved.Contains('DefaultProxy')) { $script:saved['DefaultProxy'] = [System.Net.Http.HttpClient]::DefaultProxy }
    # Both spellings: curl, Python and .NET children prefer the lower-case ones when they are set.
    foreach ($name in 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy') { Set-SavedVariable $name 'http://127.0.0.1:9' }
    foreach ($name in 'NO_PROXY', 'no_proxy') { Set-SavedVariable $name '127.0.0.1,localhost,::1' }
    foreach ($name in 'ALL_PROXY', 'all_proxy') { Set-SavedVariable $name $null }
    # Only loopback bypasses it: not "local" names without a dot (http://registry/), which .NET's local bypass takes.
    [System.Net.Http.HttpClient]::DefaultProxy = [System.Net.WebProxy]::new('http://127.0.0.1:9', $false, [string[]] @('^https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$'))
}

function Set-MotoEnvironment {
    <#
        Points the AWS CLI and SDKs of this process at moto's test account in us-east-1, never at instance metadata.
        Restore-LocalEnvironment undoes it.
    #>
    Set-SavedVariable AWS_ACCESS_KEY_ID 'testing'
    Set-SavedVariable AWS_SECRET_ACCESS_KEY 'testing'
    Set-SavedVariable AWS_REGION 'us-east-1'
    Set-SavedVariable AWS_DEFAULT_REGION 'us-east-1'
    Set-SavedVariable AWS_EC2_METADATA_DISABLED 'true'
}

function Restore-LocalEnvironment {
    <# Puts back what Set-LoopbackOnlyNetwork and Set-MotoEnvironment changed: the variables (unset ones unset) and the proxy. #>
    foreach ($name in @($script:saved.Keys)) {
        if ($name -eq 'DefaultProxy') { [System.Net.Http.HttpClient]::DefaultProxy = $script:saved[$name] }
        else { [Environment]::SetEnvironmentVariable($name, $script:saved[$name]) }
    }
    $script:saved.Clear()
}

function Reset-MotoServer {
    param([Parameter(Mandatory)] $Server)
    Invoke-WebRequest -Uri "$($Server.Endpoint)/moto-api/reset" -Method Post -UseBasicParsing | Out-Null
}

function Stop-MotoServer {
    param([Parameter(Mandatory)] $Server)
    if (-not $Server.Process.HasExited) {
        Stop-Process -Id $Server.Process.Id -Force
        $Server.Process.WaitForExit()
    }
    if ($Server.TemporaryLogFolder) { Remove-Item -Recurse -Force $Server.TemporaryLogFolder }
}

Export-ModuleMember -Function Get-FreeLoopbackPort, Wait-HttpReady, Start-MotoServer, Set-MotoEnvironment, Reset-MotoServer, Stop-MotoServer, Set-LoopbackOnlyNetwork, Restore-LocalEnvironment
