<#
    The main job's decisions, for Deploy-HttpService.ps1 after the StackKit module is imported: where it deploys (AWS,
    or a local moto_server; the credential chain is AWSSDK.Core's, which ships beside the module), the caller's
    address for SSH, the question before billed resources, where a generated password goes, and the next steps.
#>

function Resolve-DeployTarget {
    <#
        AWS only when the SDK's credential chain (environment, profile, SSO, container, instance role) resolves
        credentials with a real access key id and no local endpoint is configured: moto's 'testing' keys or an
        AWS_ENDPOINT_URL pointing at an emulator must never send a deploy to AWS.
    #>
    param([switch] $Local)
    if ($Local) {
        return [pscustomobject]@{ Target = 'Local'; Reason = 'Deploying to a local moto_server: -Local was given.' }
    }
    # An empty variable sets nothing, as the SDK reads it.
    $endpointVariable = Get-ChildItem env: | Where-Object { ($_.Name -eq 'AWS_ENDPOINT_URL' -or $_.Name -like 'AWS_ENDPOINT_URL_*') -and $_.Value } | Select-Object -First 1
    if ($endpointVariable) {
        return [pscustomobject]@{ Target = 'Local'; Reason = "Deploying to a local moto_server: $($endpointVariable.Name) is set ($($endpointVariable.Value)), so this is not meant for AWS." }
    }
    # AWSSDK.Core ships beside the module; the chain is the one the cmdlets use when no credentials are given.
    # Instance metadata is not probed (as the module does for the region): off EC2 it would be a non-loopback
    # request that stalls; on EC2, export the role's credentials or use a profile.
    Add-Type -Path (Join-Path (Split-Path (Get-Module StackKit).Path) 'AWSSDK.Core.dll')
    $profileName = if ($env:AWS_PROFILE) { $env:AWS_PROFILE } else { 'default' }
    $profile = $null
    if ([Amazon.Runtime.CredentialManagement.CredentialProfileStoreChain]::new().TryGetProfile($profileName, [ref] $profile) -and $profile.EndpointUrl) {
        return [pscustomobject]@{ Target = 'Local'; Reason = "Deploying to a local moto_server: profile '$profileName' sets endpoint_url ($($profile.EndpointUrl)), so this is not meant for AWS." }
    }
    $metadataSetting = $env:AWS_EC2_METADATA_DISABLED
    $env:AWS_EC2_METADATA_DISABLED = 'true'
    try {
        $resolved = [Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver]::GetCredentials($null)
        $accessKey = $resolved.GetCredentials().AccessKey
    }
    catch {
        return [pscustomobject]@{ Target = 'Local'; Reason = 'Deploying to a local moto_server: the AWS credential chain found no credentials (environment, ~/.aws profiles, SSO, container).' }
    }
    finally {
        $env:AWS_EC2_METADATA_DISABLED = $metadataSetting
    }
    # AWS access key ids are AKIA (long-term) or ASIA (temporary) and 16 more characters; AWS's documented example ends in EXAMPLE.
    if ($accessKey -cnotmatch '^(AKIA|ASIA)[A-Z0-9]{16}$' -or $accessKey -clike '*EXAMPLE') {
        return [pscustomobject]@{ Target = 'Local'; Reason = "Deploying to a local moto_server: the AWS credential chain found the placeholder access key '$accessKey' ($($resolved.GetType().Name)), not an AWS one." }
    }
    [pscustomobject]@{ Target = 'AWS'; Reason = "Deploying to AWS: the AWS credential chain found access key $($accessKey.Substring(0, 4))...$($accessKey.Substring(16)) ($($resolved.GetType().Name)) and no local endpoint is set. Pass -Local (deploy.sh --local) to use moto instead." }
}

function Get-CallerSshCidr {
    <#
        This machine's public IPv4 address as a /32, as an address echo service sees it (AWS's checkip by default;
        STACKKIT_PUBLIC_ADDRESS_URL names another, e.g. a stand-in on loopback). Any failure says what went wrong and
        how to go on without it.
    #>
    param([string] $Url = $(if ($env:STACKKIT_PUBLIC_ADDRESS_URL) { $env:STACKKIT_PUBLIC_ADDRESS_URL } else { 'https://checkip.amazonaws.com' }))
    $instead = 'Pass --ssh-cidr <your address>/32 (Deploy-HttpService.ps1 -SshCidr) instead.'
    try {
        $answer = (Invoke-WebRequest -Uri $Url -UseBasicParsing -TimeoutSec 10 -MaximumRedirection 0).Content
    }
    catch {
        throw "Could not learn this machine's public address from $Url ($($_.Exception.Message)). $instead"
    }
    $text = if ($answer -is [byte[]]) { [Text.Encoding]::ASCII.GetString($answer) } else { "$answer" }
    $address = $null
    if (-not [System.Net.IPAddress]::TryParse($text.Trim(), [ref] $address) -or $address.AddressFamily -ne 'InterNetwork' -or $text.Trim() -notmatch '^\d{1,3}(\.\d{1,3}){3}$') {
        $shown = if ($text.Length -gt 40) { $text.Substring(0, 40) + '...' } else { $text.Trim() }
        throw "$Url answered '$shown', not an IPv4 address. $instead"
    }
    "$address/32"
}

function Confirm-BilledDeploy {
    <#
        True when the user agrees to create billed AWS resources: -Force agrees; without a terminal to ask on (stdin
        redirected) it refuses, so a script never creates them by accident.
    #>
    param([Parameter(Mandatory)] [string] $Region, [switch] $Force)
    $what = "This creates billed AWS resources in $Region (a load balancer, 1 to 5 EC2 instances, a VPC, a DynamoDB table, logs) that cost money until you remove the stack."
    Confirm-OnConsole -What $what -Question 'Create them?' -Purpose 'to create them' -Force:$Force
}

function Confirm-ImageBuild {
    <#
        True when the user agrees to build the stock server in place of the default image that is not published yet
        (New-HttpServiceStack -BuildImage): -Force agrees; without a terminal to ask on it refuses.
    #>
    param([Parameter(Mandatory)] [string] $Reason, [switch] $Force)
    $what = "$Reason The deploy can instead build the stock server of this checkout (src/StackKit.Server) with the .NET SDK, push it to a new " +
        'private ECR repository the stack owns (kept with its images when the stack is removed; ECR bills their storage), and deploy that.'
    Confirm-OnConsole -What $what -Question 'Build it and deploy?' -Purpose 'to build and deploy it' -Force:$Force
}

function Confirm-OnConsole([string] $What, [string] $Question, [string] $Purpose, [switch] $Force) {
    if ($Force) { return $true }
    if ([Console]::IsInputRedirected) {
        throw "$What There is no terminal to ask on: rerun with --yes (Deploy-HttpService.ps1 -Force) $Purpose, or --local to use moto. Nothing was created."
    }
    # The console itself: the job runs pwsh -NonInteractive, where Read-Host is refused.
    [Console]::Write("$What $Question [y/N] ")
    [Console]::ReadLine() -match '^\s*(y|yes)\s*$'
}

function Save-GeneratedPassword {
    <#
        Writes a generated password to a file only its owner can read (0600, in a 0700 folder; made so from the first
        byte) and returns the file. On a terminal it is shown as well; never on redirected output, where logs keep it.
    #>
    param([Parameter(Mandatory)] [string] $Password, [Parameter(Mandatory)] [string] $Name)
    $configHome = if ($env:XDG_CONFIG_HOME) { $env:XDG_CONFIG_HOME } else { Join-Path $HOME '.config' }
    $folder = [System.IO.Directory]::CreateDirectory((Join-Path $configHome 'stackkit'), [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute')
    $path = Join-Path $folder.FullName "$Name.password"
    # A file that exists keeps its mode when rewritten: start afresh.
    Remove-Item -LiteralPath $path -Force -ErrorAction SilentlyContinue
    $options = [System.IO.FileStreamOptions]@{ Mode = 'CreateNew'; Access = 'Write'; UnixCreateMode = 'UserRead, UserWrite' }
    $stream = [System.IO.FileStream]::new($path, $options)
    try {
        $bytes = [Text.Encoding]::UTF8.GetBytes($Password)
        $stream.Write($bytes, 0, $bytes.Length)
    }
    finally {
        $stream.Dispose()
    }
    if (-not [Console]::IsOutputRedirected) {
        Write-Host "The service's generated password for admin: $Password"
    }
    Write-Host "The service's generated password for admin is in $path (readable by you only)."
    Get-Item -LiteralPath $path
}

function Get-DeployNextSteps {
    <# What to do next with the stack, as commands for the shell the job was started from. #>
    param(
        [Parameter(Mandatory)] [ValidateSet('Bash', 'PowerShell')] [string] $Shell,
        [Parameter(Mandatory)] $Stack,
        [string] $PasswordFile
    )
    $name = $Stack.Name
    $region = $Stack.Region
    if ($Shell -eq 'Bash') {
        $credential = if ($PasswordFile) { '"admin:$(cat ''{0}'')"' -f $PasswordFile } else { 'admin:PASSWORD' }
        "Status:         aws cloudformation describe-stacks --stack-name $name --region $region --query 'Stacks[0].[StackStatus,Outputs]'"
        'Add an SSH key: curl -sS -XPOST --user {0} {1}/add_public_key -d "{{\"ssh_public_key\": \"$(base64 -w0 ~/.ssh/id_ed25519.pub)\"}}"' -f $credential, $Stack.Url
        "Remove it:      aws cloudformation delete-stack --stack-name $name --region $region"
        return
    }
    "Status:         Get-HttpServiceStack -StackName $name -Region $region"
    "Add an SSH key: Add-HttpServiceSshKey -StackName $name -Region $region -Path ~/.ssh/id_ed25519.pub (your AWS credentials, no password)"
    "Remove it:      Remove-HttpServiceStack -StackName $name -Region $region"
}

Export-ModuleMember -Function Resolve-DeployTarget, Get-CallerSshCidr, Confirm-BilledDeploy, Confirm-ImageBuild, Save-GeneratedPassword, Get-DeployNextSteps
