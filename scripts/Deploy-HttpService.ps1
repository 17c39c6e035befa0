<#
.SYNOPSIS
    Deploys the HTTP service with the StackKit module: to AWS only when the AWS credential chain resolves real
    credentials and no local endpoint is set, else the whole flow against a local moto_server (deploy, show status
    and URL, add an SSH key through the service, remove the stack). The first line of output says which, and why.
.PARAMETER SshKeyName
    The EC2 key pair for SSH. On AWS it must exist; locally one is created in moto.
.PARAMETER DockerImage
    The image the instances run; the template's default when not given.
.PARAMETER Region
    The AWS region; default: the usual AWS settings (us-east-1 locally).
.PARAMETER ServiceCredential
    The user name and password POST /add_public_key accepts on the deployed instances (Get-Credential).
.PARAMETER SshCidr
    Allows SSH (port 22) from this CIDR, e.g. 203.0.113.7/32. Default: no SSH from outside the VPC.
.PARAMETER SshFromHere
    Allows SSH from this machine's public address (Get-CallerSshCidr: https://checkip.amazonaws.com, or
    STACKKIT_PUBLIC_ADDRESS_URL).
.PARAMETER Force
    On AWS, creates the stack's billed resources without asking, and, when the default image is not published yet,
    builds the stock server into the stack's own repository and deploys it. Without it, the job asks, and refuses
    when stdin is not a terminal.
.PARAMETER NextStepsFor
    The shell the next steps are written for: PowerShell (default), or Bash (what deploy.sh passes).
.PARAMETER Local
    Uses a local moto_server even when real AWS credentials are configured.
#>
[CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'NoSshCidr')]
param(
    [string] $SshKeyName,
    [string] $DockerImage,
    [string] $Region,
    [pscredential] $ServiceCredential,
    [Parameter(ParameterSetName = 'SshCidr', Mandatory)] [string] $SshCidr,
    [Parameter(ParameterSetName = 'SshFromHere', Mandatory)] [switch] $SshFromHere,
    [switch] $Force,
    [ValidateSet('PowerShell', 'Bash')] [string] $NextStepsFor = 'PowerShell',
    [switch] $Local
)
$ErrorActionPreference = 'Stop'
$repo = Split-Path $PSScriptRoot -Parent
Import-Module (Join-Path $repo 'StackKit.psd1') -Force
Import-Module (Join-Path $PSScriptRoot 'LocalServices.psm1') -Force
Import-Module (Join-Path $PSScriptRoot 'DeployTarget.psm1') -Force

$target = Resolve-DeployTarget -Local:$Local
Write-Host $target.Reason -ForegroundColor Cyan
$parameters = @{}
if ($SshKeyName) { $parameters.SshKeyName = $SshKeyName }
if ($DockerImage) { $parameters.DockerImage = $DockerImage }
if ($Region) { $parameters.Region = $Region }
if ($SshCidr) { $parameters.SshCidr = $SshCidr }
# The job's own refusals (no address for SSH, no agreement to pay) are one plain line on stderr and exit code 1.
function Stop-Deploy([string] $Message) {
    [Console]::Error.WriteLine("deploy: $Message")
    exit 1
}
if ($SshFromHere) {
    try { $parameters.SshCidr = Get-CallerSshCidr } catch { Stop-Deploy $_.Exception.Message }
    Write-Host "SSH allowed from this machine's public address, $($parameters.SshCidr)."
}
# Never the guessable admin/secret: one generated password, for the stack unless a credential was given, and for the
# service the local flow runs. On AWS it goes to a file only the user can read, and to the screen only on a terminal.
$password = [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(18))
$parameters.ServiceCredential = if ($ServiceCredential) { $ServiceCredential } else { [pscredential]::new('admin', (ConvertTo-SecureString $password -AsPlainText -Force)) }

if ($target.Target -eq 'AWS') {
    if (-not $WhatIfPreference) {
        $billedRegion = $Region ? $Region : ($env:AWS_REGION ? $env:AWS_REGION : ($env:AWS_DEFAULT_REGION ? $env:AWS_DEFAULT_REGION : 'the region of your AWS profile'))
        $agreed = try { Confirm-BilledDeploy -Region $billedRegion -Force:$Force } catch { Stop-Deploy $_.Exception.Message }
        if (-not $agreed) { Stop-Deploy 'Nothing was created.' }
    }
    # Written before the create, which may take many minutes: a stack whose wait is cut short (Ctrl-C, a lost
    # terminal) is still created, and its password must not be lost with the process.
    $passwordFile = if (-not $ServiceCredential -and -not $WhatIfPreference) { (Save-GeneratedPassword -Password $password -Name "new-stack-$([DateTime]::UtcNow.ToString('yyyyMMddHHmmss'))").FullName }
    try {
        $stack = New-HttpServiceStack @parameters
    }
    catch {
        # The default image is not published yet (no release pushed): with the user's agreement the stock server is
        # built into the stack's own repository, which exists before any server boots, and deployed by digest.
        if (-not $_.Exception.DefaultImageMissing) { throw }
        $build = try { Confirm-ImageBuild -Reason $_.Exception.Message -Force:$Force } catch { Stop-Deploy $_.Exception.Message }
        if (-not $build) { Stop-Deploy 'Nothing was created.' }
        $stack = New-HttpServiceStack @parameters -BuildImage
    }
    if (-not $stack) { return }
    $stack | Format-List Name, Status, Url, CreationTime
    if ($passwordFile) {
        $passwordFile = (Move-Item -LiteralPath $passwordFile -Destination (Join-Path (Split-Path $passwordFile) "$($stack.Name).$($stack.Region).password") -Force -PassThru).FullName
        Write-Host "The password for stack $($stack.Name) is now in $passwordFile."
    }
    Get-DeployNextSteps -Shell $NextStepsFor -Stack $stack -PasswordFile $passwordFile | Write-Host
    return
}

# moto's instances pull no image, and the local flow contacts nothing but loopback: the image check only warns.
Set-LoopbackOnlyNetwork
$work = New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) "stackkit-demo-$PID")
$moto = $null
$server = $null
try {
    $moto = Start-MotoServer -LogFolder $work
    $endpoint = $moto.Endpoint
    $env:AWS_ACCESS_KEY_ID = 'testing'
    $env:AWS_SECRET_ACCESS_KEY = 'testing'
    $env:AWS_DEFAULT_REGION = if ($Region) { $Region } else { 'us-east-1' }
    $env:AWS_REGION = $env:AWS_DEFAULT_REGION
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    if (-not $SshKeyName) { $parameters.SshKeyName = $SshKeyName = 'stackkit-demo' }
    aws ec2 create-key-pair --key-name $SshKeyName --endpoint-url $endpoint --output json | Out-Null
    if ($LASTEXITCODE) { throw "Could not create key pair '$SshKeyName' in moto." }

    Write-Host "`n1. Deploy (New-HttpServiceStack -SshKeyName $SshKeyName -ServiceCredential ...)" -ForegroundColor Cyan
    $stack = New-HttpServiceStack @parameters -EndpointUrl $endpoint
    Write-Host "`n2. Status and URL (Get-HttpServiceStack)" -ForegroundColor Cyan
    $current = Get-HttpServiceStack -StackName $stack.Name -EndpointUrl $endpoint
    $current | Format-Table -AutoSize | Out-Host
    Write-Host "Status: $($current.Status)   URL: $($current.Url)"

    Write-Host '3. The service, run locally, adds an SSH key (the original README''s curl command)' -ForegroundColor Cyan
    $sshDirectory = Join-Path $work '.ssh'
    $serverPort = Get-FreeLoopbackPort
    $env:KeyInjection__SshDirectory = $sshDirectory
    $env:KeyInjection__Username = 'admin'
    $env:KeyInjection__Password = $password
    $server = Start-Process dotnet -ArgumentList (Join-Path $repo 'src/StackKit.Server/bin/Release/net10.0/StackKit.Server.dll'), '--urls', "http://127.0.0.1:$serverPort" -PassThru `
        -RedirectStandardOutput (Join-Path $work 'server.out') -RedirectStandardError (Join-Path $work 'server.err')
    $url = "http://127.0.0.1:$serverPort"
    Wait-HttpReady -Url $url -Process $server -Name 'StackKit.Server'
    Write-Host "GET / -> $((Invoke-WebRequest -Uri $url -UseBasicParsing).Content)"
    ssh-keygen -q -t ed25519 -N '' -C 'stackkit-demo' -f (Join-Path $work 'id_ed25519') | Out-Null
    # Exactly the original README's two lines, run by bash.
    $env:PUB_KEY_FILE = Join-Path $work 'id_ed25519.pub'
    $env:SERVICE_URL = $url
    $env:SERVICE_PASSWORD = $password
    bash -c 'BASE64_PUB_KEY="$(cat "$PUB_KEY_FILE" | base64)"; curl -sS -XPOST --user "admin:$SERVICE_PASSWORD" "$SERVICE_URL/add_public_key" -d "{\"ssh_public_key\": \"$BASE64_PUB_KEY\"}"' | Out-Host
    Write-Host "authorized_keys now holds: $(Get-Content (Join-Path $sshDirectory 'authorized_keys'))"

    Write-Host "`n4. Remove (Remove-HttpServiceStack -Force)" -ForegroundColor Cyan
    Remove-HttpServiceStack -StackName $stack.Name -Force -EndpointUrl $endpoint -ErrorAction SilentlyContinue -ErrorVariable removeErrors
    if ($removeErrors) {
        # moto 5.2.1 never deletes a VPC's routes, so it refuses DeleteStack of this stack; AWS deletes it.
        Write-Warning "moto refused the delete ($($removeErrors[0].Exception.Message)). This is moto's known limit on VPC stacks; on AWS the stack is deleted. Stopping moto discards it."
        $removed = 'the delete was refused by moto (see above) and the emulator discarded the stack'
    }
    else {
        $removed = 'the stack was removed'
    }
}
finally {
    if ($server -and -not $server.HasExited) { Stop-Process -Id $server.Id -Force; $server.WaitForExit() }
    if ($moto) { Stop-MotoServer $moto }
    Remove-Item -Recurse -Force $work
    'KeyInjection__SshDirectory', 'KeyInjection__Username', 'KeyInjection__Password', 'SERVICE_PASSWORD' | ForEach-Object { Remove-Item "env:$_" -ErrorAction SilentlyContinue }
}
Write-Host "`nDone on loopback: deployed, inspected, added a key through the service; $removed." -ForegroundColor Green
