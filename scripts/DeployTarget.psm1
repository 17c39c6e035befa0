<#
    Where the main job deploys: AWS, or a local moto_server. Used by Deploy-HttpService.ps1 after the StackKit
    module is imported (the credential chain is AWSSDK.Core's, which ships beside the module).
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

Export-ModuleMember -Function Resolve-DeployTarget
