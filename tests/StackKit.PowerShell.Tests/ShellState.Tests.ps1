BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Set-LoopbackOnlyNetwork
    Import-Module (Join-Path $PSScriptRoot 'ChildPwsh.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    $moto = Start-MotoServer
    Set-MotoEnvironment
    $endpoint = $moto.Endpoint

    # What AWS.Tools' Set-AWSCredential leaves in $StoredAWSCredentials: an AWSPSCredentials whose AWSCredentials
    # are in a non-public property (Amazon.PowerShell.Common), here built the same way without AWS.Tools.
    $sdk = Join-Path (Split-Path (Get-Module StackKit).Path) 'AWSSDK.Core.dll'
    Add-Type -Path $sdk
    Add-Type -ReferencedAssemblies $sdk -TypeDefinition @'
namespace StackKitTests.AwsTools {
    public class AWSPSCredentials {
        public AWSPSCredentials(Amazon.Runtime.AWSCredentials credentials, string name) { Credentials = credentials; Name = name; }
        internal Amazon.Runtime.AWSCredentials Credentials { get; private set; }
        internal string Name { get; private set; }
        public override string ToString() { return Name; }
    }
}
'@
    function New-StoredCredentials([string] $Name) {
        [StackKitTests.AwsTools.AWSPSCredentials]::new([Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing'), $Name)
    }
    function Get-ConnectionLine([scriptblock] $Command) {
        @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like 'AWS: *' })[0].Message
    }
}

AfterAll {
    Stop-MotoServer $moto
}

Describe 'AWS.Tools session defaults' {
    BeforeAll {
        Reset-MotoServer $moto
    }
    AfterEach {
        Remove-Variable StoredAWSRegion, StoredAWSCredentials -Scope Global -ErrorAction SilentlyContinue
    }

    It '$StoredAWSRegion (Set-DefaultAWSRegion) beats AWS_REGION, and -Region beats it' {
        $env:AWS_REGION | Should -Be 'us-east-1'
        $global:StoredAWSRegion = 'eu-west-3'
        New-HttpServiceStack -StackName stored-region -NoSshAccess -EndpointUrl $endpoint -WarningAction SilentlyContinue | Out-Null
        (aws cloudformation describe-stacks --region eu-west-3 --endpoint-url $endpoint --output json | ConvertFrom-Json).Stacks.StackName | Should -Contain 'stored-region'
        (aws cloudformation describe-stacks --region us-east-1 --endpoint-url $endpoint --output json | ConvertFrom-Json).Stacks.StackName | Should -Not -Contain 'stored-region'
        (Get-HttpServiceStack -EndpointUrl $endpoint).Name | Should -Contain 'stored-region'
        (Get-HttpServiceStack -EndpointUrl $endpoint -Region us-east-1).Name | Should -Not -Contain 'stored-region'
    }

    It '$StoredAWSCredentials (Set-AWSCredential) are used when nothing else gives credentials' {
        # A fresh process with no AWS variables and an empty home: only the session variable can sign the call.
        $emptyHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty-home')
        $script = @"
Import-Module ./StackKit.psd1
Add-Type -Path '$sdk'
Add-Type -ReferencedAssemblies '$sdk' -TypeDefinition 'namespace T { public class AWSPSCredentials { public AWSPSCredentials(Amazon.Runtime.AWSCredentials c) { Credentials = c; } internal Amazon.Runtime.AWSCredentials Credentials { get; private set; } internal string Name { get { return "work"; } } } }'
`$StoredAWSCredentials = [T.AWSPSCredentials]::new([Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing'))
`$StoredAWSRegion = 'us-east-1'
try { (Get-HttpServiceStack -EndpointUrl $endpoint -ErrorAction Stop -Verbose 4>&1 | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] })[0].Message; 'listed' } catch { `$_.FullyQualifiedErrorId }
"@
        $output = Invoke-ChildPwsh $script @{ HOME = $emptyHome }
        $output | Should -Contain 'listed'
        $output[0] | Should -BeLike "*credentials from `$StoredAWSCredentials ('work', set by Set-AWSCredential)*"
    }

    It '$StoredAWSCredentials beat the environment; -AccessKey and -ProfileName beat them' {
        $global:StoredAWSCredentials = New-StoredCredentials 'session-keys'
        Get-ConnectionLine { Get-HttpServiceStack -EndpointUrl $endpoint -Verbose } | Should -BeLike "*credentials from `$StoredAWSCredentials ('session-keys'*"
        Get-ConnectionLine { Get-HttpServiceStack -EndpointUrl $endpoint -AccessKey testing -SecretKey testing -Verbose } | Should -BeLike '*credentials from -AccessKey/-SecretKey.'
        # The SDK reads the shared files of the process's home: a fresh process with a home holding profile 'dev'.
        $profileHome = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'profile-home/.aws') -Force
        Set-Content (Join-Path $profileHome 'credentials') "[dev]`naws_access_key_id = testing`naws_secret_access_key = testing"
        $output = Invoke-ChildPwsh "Import-Module ./StackKit.psd1; Add-Type -Path '$sdk'; `$StoredAWSCredentials = [Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing'); (Get-HttpServiceStack -EndpointUrl $endpoint -Region us-east-1 -ProfileName dev -Verbose 4>&1 | Where-Object { `$_ -is [System.Management.Automation.VerboseRecord] })[0].Message" @{ HOME = (Split-Path $profileHome) }
        $output | Should -BeLike "*credentials from profile 'dev' (-ProfileName)."
    }
}

Describe '-Verbose names the region, the endpoint and the credential source' {
    BeforeAll {
        Reset-MotoServer $moto
        New-HttpServiceStack -StackName verbose-stack -NoSshAccess -NoFleetKeyStore -EndpointUrl $endpoint -WarningAction SilentlyContinue | Out-Null
    }

    It '<Name> says where it calls' -ForEach @(
        @{ Name = 'New-HttpServiceStack'; Command = { New-HttpServiceStack -StackName verbose-new -NoSshAccess -EndpointUrl $endpoint -Verbose -WarningAction SilentlyContinue } }
        @{ Name = 'Get-HttpServiceStack'; Command = { Get-HttpServiceStack verbose-stack -EndpointUrl $endpoint -Verbose } }
        @{ Name = 'Update-HttpServiceStack'; Command = { Update-HttpServiceStack verbose-stack -InstanceType t3.micro -EndpointUrl $endpoint -Verbose -InformationAction SilentlyContinue } }
        @{ Name = 'Remove-HttpServiceStack'; Command = { Remove-HttpServiceStack not-there -Force -EndpointUrl $endpoint -Verbose -WarningAction SilentlyContinue } }
        @{ Name = 'Add-HttpServiceSshKey'; Command = { Add-HttpServiceSshKey verbose-stack 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl a@b' -EndpointUrl $endpoint -Verbose -ErrorAction SilentlyContinue } }
        @{ Name = 'Get-HttpServiceSshKey'; Command = { Get-HttpServiceSshKey verbose-stack -EndpointUrl $endpoint -Verbose -ErrorAction SilentlyContinue } }
        @{ Name = 'Remove-HttpServiceSshKey'; Command = { Remove-HttpServiceSshKey verbose-stack SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU -Force -EndpointUrl $endpoint -Verbose -ErrorAction SilentlyContinue } }
        @{ Name = 'Get-HttpServiceLog'; Command = { Get-HttpServiceLog verbose-stack -EndpointUrl $endpoint -Verbose -ErrorAction SilentlyContinue } }
    ) {
        Get-ConnectionLine $Command | Should -Be "AWS: region us-east-1 (from AWS_REGION), endpoint $endpoint/ (-EndpointUrl), credentials from the environment (AWS_ACCESS_KEY_ID)."
    }

    It 'names AWS_ENDPOINT_URL when the endpoint comes from the environment' {
        $env:AWS_ENDPOINT_URL = $endpoint
        try {
            Get-ConnectionLine { Get-HttpServiceStack -Verbose } | Should -BeLike "*endpoint $endpoint/ (AWS_ENDPOINT_URL)*"
        }
        finally {
            Remove-Item env:AWS_ENDPOINT_URL
        }
    }

    It 'Remove-HttpServiceStack -Force still writes the "Performing the operation" line' {
        New-HttpServiceStack -StackName verbose-gone -NoSshAccess -NoFleetKeyStore -EndpointUrl $endpoint -WarningAction SilentlyContinue | Out-Null
        $verbose = Remove-HttpServiceStack verbose-gone -Force -EndpointUrl $endpoint -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Contain 'Performing the operation "Delete the stack and every resource in it (VPC, load balancer, instances); an image repository (-ImageRepository) stays, with its images" on target "verbose-gone".'
    }

    It 'Remove-HttpServiceSshKey -Force too' {
        $verbose = Remove-HttpServiceSshKey verbose-stack SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU -Force -EndpointUrl $endpoint -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $verbose.Message | Should -Contain 'Performing the operation "Remove the SSH key: no server of the stack will accept it any more" on target "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU on stack verbose-stack".'
    }
}

Describe 'Tab completion from the shell''s state' {
    It 'completes -ProfileName from the shared config and credentials files' {
        $awsFolder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'completion-home/.aws') -Force
        Set-Content (Join-Path $awsFolder 'config') "[default]`nregion = eu-west-1`n[profile dev-sso]`nsso_start_url = https://example.awsapps.com/start`nsso_region = eu-west-1`nsso_account_id = 123456789012`nsso_role_name = dev`n[profile deploy]`nregion = eu-west-2`nsource_profile = default`nrole_arn = arn:aws:iam::123456789012:role/deploy"
        Set-Content (Join-Path $awsFolder 'credentials') "[default]`naws_access_key_id = testing`naws_secret_access_key = testing`n[ci]`naws_access_key_id = testing`naws_secret_access_key = testing"
        $output = Invoke-ChildPwsh "Import-Module ./StackKit.psd1; `$line = 'Get-HttpServiceStack -ProfileName '; (TabExpansion2 -inputScript `$line -cursorColumn `$line.Length).CompletionMatches.CompletionText; '--'; `$line = 'Remove-HttpServiceStack -ProfileName de'; (TabExpansion2 -inputScript `$line -cursorColumn `$line.Length).CompletionMatches.CompletionText" @{ HOME = (Split-Path $awsFolder) }
        $all = $output[0..($output.IndexOf('--') - 1)]
        $all | Should -Contain 'ci'
        $all | Should -Contain 'default'
        $all | Should -Contain 'dev-sso'
        $all | Should -Contain 'deploy'
        $output[($output.IndexOf('--') + 1)..($output.Count - 1)] | Should -Be @('default', 'deploy', 'dev-sso')
    }

    It 'completes -InstanceType from a static list of common types' {
        $line = 'New-HttpServiceStack -InstanceType t3.m'
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $result.CompletionMatches.CompletionText | Should -Be @('t3.micro', 't3.medium')
        $line = 'Update-HttpServiceStack web -InstanceType c7'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'c7i.large'
    }

    Context '-StackName completes the stacks where the command would act' {
        BeforeAll {
            Reset-MotoServer $moto
            New-HttpServiceStack -StackName east-only -NoSshAccess -NoFleetKeyStore -Region us-east-1 -EndpointUrl $endpoint -WarningAction SilentlyContinue | Out-Null
            New-HttpServiceStack -StackName west-only -NoSshAccess -NoFleetKeyStore -Region eu-west-1 -EndpointUrl $endpoint -WarningAction SilentlyContinue | Out-Null
            function Get-Completion([string] $Line) {
                @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
            }
        }
        AfterEach {
            Remove-Variable StoredAWSRegion -Scope Global -ErrorAction SilentlyContinue
        }

        It '-Region and -EndpointUrl on the command line: <Command> -Region <Region>' -ForEach @(
            @{ Command = 'Get-HttpServiceSshKey'; Region = 'eu-west-1'; Expected = 'west-only' }
            @{ Command = 'Remove-HttpServiceStack'; Region = 'us-east-1'; Expected = 'east-only' }
            @{ Command = 'Get-HttpServiceLog'; Region = 'eu-west-1'; Expected = 'west-only' }
        ) {
            Get-Completion "$Command -EndpointUrl $endpoint -Region $Region -StackName " | Should -Be @($Expected)
        }

        It '$StoredAWSRegion beats AWS_REGION when -Region is not typed, and -Region beats it' {
            $env:AWS_REGION | Should -Be 'us-east-1'
            Get-Completion "Get-HttpServiceStack -EndpointUrl $endpoint -StackName " | Should -Be @('east-only')
            $global:StoredAWSRegion = 'eu-west-1'
            Get-Completion "Get-HttpServiceStack -EndpointUrl $endpoint -StackName " | Should -Be @('west-only')
            Get-Completion "Update-HttpServiceStack -EndpointUrl $endpoint -Region us-east-1 -StackName " | Should -Be @('east-only')
        }

        It '-ProfileName picks the profile''s region and keys; $StoredAWSCredentials sign when nothing else does' {
            # A fresh process with no AWS variables: a home whose only profile 'west' is in eu-west-1.
            $awsFolder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'completer-home/.aws') -Force
            Set-Content (Join-Path $awsFolder 'config') "[profile west]`nregion = eu-west-1"
            Set-Content (Join-Path $awsFolder 'credentials') "[west]`naws_access_key_id = testing`naws_secret_access_key = testing"
            $script = @"
Import-Module ./StackKit.psd1
function Complete([string] `$line) { ((TabExpansion2 -inputScript `$line -cursorColumn `$line.Length).CompletionMatches.CompletionText) -join ',' }
'profile=' + (Complete 'Get-HttpServiceStack -EndpointUrl $endpoint -ProfileName west -StackName ')
'none=' + (Complete 'Get-HttpServiceStack -EndpointUrl $endpoint -Region us-east-1 -StackName ')
Add-Type -Path '$sdk'
`$StoredAWSCredentials = [Amazon.Runtime.BasicAWSCredentials]::new('testing', 'testing')
`$StoredAWSRegion = 'eu-west-1'
'stored=' + (Complete 'Get-HttpServiceStack -EndpointUrl $endpoint -StackName ')
"@
            $output = Invoke-ChildPwsh $script @{ HOME = (Split-Path $awsFolder) }
            $output | Should -Contain 'profile=west-only'
            $output | Should -Contain 'none=' -Because 'without credentials the lookup fails, and completion stays quiet'
            $output | Should -Contain 'stored=west-only'
        }
    }
}
